package org.x2k.guest;

/**
 * Something about a guest for the report: what was done, what is left, or why the guest is refused.
 *
 * @param code stable code, as the conversion report's codes
 * @param severity "done", "required", "recommended" or "info"
 * @param text one line
 */
public record Finding(String code, String severity, String text) {}
