package org.x2k.libvirt;

/** Capabilities XML that x2k cannot read; the message is one line for the user. */
public final class CapabilitiesException extends Exception {
  private static final long serialVersionUID = 1L;

  public CapabilitiesException(String message) {
    super(message);
  }
}
