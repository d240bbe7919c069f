package org.x2k.nativecfg;

/** A native config that does not follow xl/xm syntax; the message names line and column. */
public final class ConfigSyntaxException extends Exception {
  private static final long serialVersionUID = 1L;

  public ConfigSyntaxException(int line, int column, String problem) {
    super("line " + line + ", column " + column + ": " + problem);
  }
}
