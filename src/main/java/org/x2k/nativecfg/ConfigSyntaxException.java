package org.x2k.nativecfg;

/** A native config that does not follow xl/xm syntax; the message names line and column. */
public final class ConfigSyntaxException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int line;
  private final int column;

  public ConfigSyntaxException(int line, int column, String problem) {
    super("line " + line + ", column " + column + ": " + problem);
    this.line = line;
    this.column = column;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }
}
