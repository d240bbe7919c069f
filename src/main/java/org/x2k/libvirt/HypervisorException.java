package org.x2k.libvirt;

/** A libvirt connection or call that failed; the message is one line for the user. */
public final class HypervisorException extends Exception {
  private static final long serialVersionUID = 1L;

  public HypervisorException(String message) {
    super(message);
  }
}
