package org.x2k.storage;

import java.io.IOException;

/** Blocks given to two sinks: the copy's writer and the source's digest. */
record Tee(Blocks.Sink first, Blocks.Sink second) implements Blocks.Sink {
  @Override
  public void data(long offset, byte[] bytes, int from, int length) throws IOException {
    first.data(offset, bytes, from, length);
    second.data(offset, bytes, from, length);
  }

  @Override
  public void zeros(long offset, long length) throws IOException {
    first.zeros(offset, length);
    second.zeros(offset, length);
  }
}
