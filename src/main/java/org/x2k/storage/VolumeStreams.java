package org.x2k.storage;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.PointerType;
import com.sun.jna.ptr.LongByReference;
import java.io.IOException;
import java.lang.ref.Reference;
import java.lang.reflect.Field;
import org.libvirt.Connect;
import org.libvirt.StorageVol;

/**
 * libvirt's volume upload and download with sparse streams (virStorageVolUpload, -Download,
 * virStreamSendHole, virStreamRecvHole), which libvirt's Java binding does not have: called through
 * JNA on the same connection and volume objects, so that its authentication and transport (ssh,
 * TCP, TLS) carry the disk too. Holes cross the connection as their lengths, not as zeros.
 */
final class VolumeStreams {
  private VolumeStreams() {}

  /** virStorageVolUploadFlags and virStorageVolDownloadFlags: VIR_STORAGE_VOL_*_SPARSE_STREAM. */
  private static final int SPARSE_STREAM = 1;

  /** virStreamRecvFlagsValues: VIR_STREAM_RECV_STOP_AT_HOLE. */
  private static final int STOP_AT_HOLE = 1;

  /** virStreamRecvFlags's answer at a hole when asked to stop there. */
  private static final int AT_HOLE = -3;

  /**
   * The most stream data one message of libvirt's RPC carries (VIR_NET_MESSAGE_LEGACY_PAYLOAD_MAX,
   * what virsh vol-upload sends at a time).
   */
  static final int MESSAGE = 262120;

  private static final int CHUNK = MESSAGE;

  @SuppressWarnings("checkstyle:MethodName")
  interface Api extends Library {
    Pointer virStreamNew(Pointer connect, int flags);

    int virStorageVolUpload(Pointer volume, Pointer stream, long offset, long length, int flags);

    int virStorageVolDownload(Pointer volume, Pointer stream, long offset, long length, int flags);

    int virStreamSend(Pointer stream, byte[] data, NativeLong length);

    int virStreamSendHole(Pointer stream, long length, int flags);

    int virStreamRecvFlags(Pointer stream, byte[] data, NativeLong length, int flags);

    int virStreamRecvHole(Pointer stream, LongByReference length, int flags);

    int virStreamFinish(Pointer stream);

    int virStreamAbort(Pointer stream);

    int virStreamFree(Pointer stream);

    String virGetLastErrorMessage();
  }

  private static Api api;

  private static synchronized Api api() {
    if (api == null) {
      api = Native.load("virt", Api.class);
    }
    return api;
  }

  /** What a download delivers, in order. */
  interface Receiver {
    void data(byte[] bytes, int length) throws IOException;

    void hole(long length) throws IOException;
  }

  /** What an upload sends, in order; {@link #send} and {@link #hole} are its channel. */
  interface Producer {
    void produce(Upload upload) throws IOException, StorageException;
  }

  /** The sending end of an upload. */
  static final class Upload {
    private final Pointer stream;
    private final boolean sparse;
    private byte[] chunk;

    private Upload(Pointer stream, boolean sparse) {
      this.stream = stream;
      this.sparse = sparse;
    }

    void send(byte[] bytes, int from, int length) throws StorageException {
      int at = from;
      int end = from + length;
      while (at < end) {
        int part = Math.min(CHUNK, end - at);
        byte[] data = bytes;
        if (at != 0 || part != bytes.length) {
          if (chunk == null) {
            chunk = new byte[CHUNK];
          }
          System.arraycopy(bytes, at, chunk, 0, part);
          data = chunk;
        }
        int sent = api().virStreamSend(stream, data, new NativeLong(part));
        if (sent < 0) {
          throw new StorageException("upload: " + lastError());
        }
        // a short send leaves the rest to the next round
        at += sent;
      }
    }

    void hole(long length) throws StorageException {
      if (!sparse) {
        byte[] zeros = new byte[(int) Math.min(CHUNK, length)];
        for (long left = length; left > 0; left -= zeros.length) {
          send(zeros, 0, (int) Math.min(zeros.length, left));
        }
        return;
      }
      if (api().virStreamSendHole(stream, length, 0) < 0) {
        throw new StorageException("upload: " + lastError());
      }
    }
  }

  /**
   * Fills {@code volume} from its first byte with {@code length} bytes that {@code producer} sends.
   */
  static void upload(Connect connect, StorageVol volume, long length, Producer producer)
      throws StorageException, IOException {
    Pointer connection = pointer(connect, Connect.class, "vcp");
    Pointer vol = pointer(volume, StorageVol.class, "vsvp");
    Pointer stream = api().virStreamNew(connection, 0);
    if (stream == null) {
      throw new StorageException("upload: " + lastError());
    }
    boolean done = false;
    try {
      boolean sparse = true;
      if (api().virStorageVolUpload(vol, stream, 0, length, SPARSE_STREAM) < 0) {
        String error = lastError();
        if (!error.contains("unsupported flags")) {
          throw new StorageException("upload: " + error);
        }
        // an older libvirt: holes are sent as zeros
        sparse = false;
        if (api().virStorageVolUpload(vol, stream, 0, length, 0) < 0) {
          throw new StorageException("upload: " + lastError());
        }
      }
      producer.produce(new Upload(stream, sparse));
      if (api().virStreamFinish(stream) < 0) {
        throw new StorageException("upload: " + lastError());
      }
      done = true;
    } finally {
      if (!done) {
        api().virStreamAbort(stream);
      }
      api().virStreamFree(stream);
      Reference.reachabilityFence(connect);
      Reference.reachabilityFence(volume);
    }
  }

  /** Reads {@code volume} whole, its holes as holes. */
  static void download(Connect connect, StorageVol volume, Receiver receiver)
      throws StorageException, IOException {
    Pointer connection = pointer(connect, Connect.class, "vcp");
    Pointer vol = pointer(volume, StorageVol.class, "vsvp");
    Pointer stream = api().virStreamNew(connection, 0);
    if (stream == null) {
      throw new StorageException("download: " + lastError());
    }
    boolean done = false;
    try {
      int flags = SPARSE_STREAM;
      if (api().virStorageVolDownload(vol, stream, 0, 0, SPARSE_STREAM) < 0) {
        String error = lastError();
        if (!error.contains("unsupported flags")) {
          throw new StorageException("download: " + error);
        }
        flags = 0;
        if (api().virStorageVolDownload(vol, stream, 0, 0, 0) < 0) {
          throw new StorageException("download: " + lastError());
        }
      }
      byte[] buffer = new byte[CHUNK];
      LongByReference hole = new LongByReference();
      while (true) {
        int got =
            api()
                .virStreamRecvFlags(
                    stream, buffer, new NativeLong(buffer.length), flags == 0 ? 0 : STOP_AT_HOLE);
        if (got > 0) {
          receiver.data(buffer, got);
        } else if (got == 0) {
          break;
        } else if (got == AT_HOLE) {
          if (api().virStreamRecvHole(stream, hole, 0) < 0) {
            throw new StorageException("download: " + lastError());
          }
          receiver.hole(hole.getValue());
        } else {
          throw new StorageException("download: " + lastError());
        }
      }
      if (api().virStreamFinish(stream) < 0) {
        throw new StorageException("download: " + lastError());
      }
      done = true;
    } finally {
      if (!done) {
        api().virStreamAbort(stream);
      }
      api().virStreamFree(stream);
      Reference.reachabilityFence(connect);
      Reference.reachabilityFence(volume);
    }
  }

  private static String lastError() {
    String message = api().virGetLastErrorMessage();
    return message == null ? "unknown error" : message.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  /**
   * The C object behind a binding's object: libvirt-java 0.5.2 keeps it in a field it does not
   * expose (pinned in the pom; a test proves the fields are there).
   */
  static Pointer pointer(Object owner, Class<?> type, String field) {
    try {
      Field f = type.getDeclaredField(field);
      f.setAccessible(true);
      return ((PointerType) f.get(owner)).getPointer();
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalStateException(
          "libvirt's Java binding has no " + type.getSimpleName() + "." + field, e);
    }
  }
}
