package org.x2k.nativecfg;

/** Text that is no usable guest config; the message is the one line the user sees. */
public final class NativeConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What is wrong: no config at all (a script, xl.conf), an empty file, or a config's syntax. */
  public enum Kind {
    NOT_A_CONFIG,
    EMPTY,
    SYNTAX
  }

  private final Kind kind;

  NativeConfigException(String message, Throwable cause, Kind kind) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
