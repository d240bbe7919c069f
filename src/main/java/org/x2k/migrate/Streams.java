package org.x2k.migrate;

import java.io.InputStream;
import java.io.PrintWriter;

/** Where a run reads standard input and writes its output and messages. */
public record Streams(InputStream stdin, PrintWriter out, PrintWriter err) {}
