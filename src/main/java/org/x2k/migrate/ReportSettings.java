package org.x2k.migrate;

import java.nio.file.Path;

/**
 * How a run gives its migration report (x2k's report options).
 *
 * @param quiet no report and notes on stderr (errors still)
 * @param reportFile where the JSON report of all inputs goes, or null
 */
public record ReportSettings(boolean quiet, Path reportFile) {}
