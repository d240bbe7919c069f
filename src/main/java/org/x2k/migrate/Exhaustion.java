package org.x2k.migrate;

/** What running out of stack or memory means to a user. */
public final class Exhaustion {
  private Exhaustion() {}

  /** {@code e} in one line, for an input whose conversion it ended. */
  public static String message(VirtualMachineError e) {
    if (e instanceof StackOverflowError) {
      return "the input is nested too deeply to convert (the stack ran out)";
    }
    if (e instanceof OutOfMemoryError) {
      return "the input is too large to convert in the memory given to x2k (the launcher's -Xmx;"
          + " X2K_JAVA_OPTS=-Xmx2g gives more)";
    }
    return "the Java VM failed: " + e;
  }
}
