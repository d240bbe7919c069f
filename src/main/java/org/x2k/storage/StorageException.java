package org.x2k.storage;

/** A disk that could not be copied, with one line that says why. */
public final class StorageException extends Exception {
  private static final long serialVersionUID = 1L;

  public StorageException(String message) {
    super(message);
  }
}
