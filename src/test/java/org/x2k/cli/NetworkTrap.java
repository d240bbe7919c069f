package org.x2k.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** An HTTP server on loopback that counts connections and hands out a secret to each. */
final class NetworkTrap implements AutoCloseable {
  private final ServerSocket server;
  private final AtomicInteger connections = new AtomicInteger();

  private NetworkTrap(ServerSocket server, String secret) {
    this.server = server;
    Thread acceptor =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try (Socket client = server.accept();
                    OutputStream out = client.getOutputStream()) {
                  connections.incrementAndGet();
                  out.write(
                      ("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n" + secret + "\n")
                          .getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                  // closed, or the client went away
                }
              }
            },
            "network-trap");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  static NetworkTrap open(String secret) throws IOException {
    return new NetworkTrap(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), secret);
  }

  int port() {
    return server.getLocalPort();
  }

  int connections() {
    return connections.get();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
