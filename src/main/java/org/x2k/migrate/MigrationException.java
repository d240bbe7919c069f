package org.x2k.migrate;

/** Why a run could not start, in one line for the user. */
public final class MigrationException extends Exception {
  private static final long serialVersionUID = 1L;

  MigrationException(String message) {
    super(message);
  }
}
