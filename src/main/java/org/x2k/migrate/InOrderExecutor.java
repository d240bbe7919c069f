package org.x2k.migrate;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs {@code work} on up to {@code jobs} threads, at most {@code window} items ahead, and hands
 * the results over strictly in the order of the items: what a batch prints, writes and reports does
 * not depend on the number of jobs, and its memory does not grow with the number of items.
 */
final class InOrderExecutor<I, R> {
  private final int jobs;
  private final int window;

  InOrderExecutor(int jobs, int window) {
    this.jobs = Math.max(jobs, 1);
    this.window = Math.max(window, 1);
  }

  /**
   * Applies {@code work} to each item and {@code inOrder} to each result in item order; results
   * made but not handed over (when {@code inOrder} throws) go to {@code leftOver}. {@code work}
   * should not throw: a RuntimeException or Error from it is rethrown here.
   */
  void run(Iterator<I> items, Function<I, R> work, Consumer<R> inOrder, Consumer<R> leftOver) {
    ExecutorService pool =
        jobs > 1 ? Executors.newFixedThreadPool(jobs, InOrderExecutor::worker) : null;
    Deque<Future<R>> ahead = new ArrayDeque<>();
    try {
      while (items.hasNext() || !ahead.isEmpty()) {
        while (items.hasNext() && ahead.size() < window) {
          I item = items.next();
          FutureTask<R> task = new FutureTask<>(() -> work.apply(item));
          if (pool != null) {
            pool.execute(task);
          } else {
            task.run();
          }
          ahead.add(task);
        }
        inOrder.accept(await(ahead.removeFirst()));
      }
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
      for (Future<R> future : ahead) {
        if (future.isDone() && !future.isCancelled()) {
          leftOver.accept(await(future));
        }
      }
    }
  }

  private static Thread worker(Runnable task) {
    Thread thread = new Thread(task, "x2k-worker");
    thread.setDaemon(true);
    return thread;
  }

  /** A worker's result; a bug in a worker is rethrown here as it would be in the main thread. */
  private static <T> T await(Future<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
