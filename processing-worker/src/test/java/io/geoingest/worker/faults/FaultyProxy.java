package io.geoingest.worker.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on the loopback interface in front of a real server (S3Proxy here) that can break
 * responses on demand: cut the next connections in the middle of a response, or slow every
 * response down. What the client sees is what it would see from a flaky network or storage.
 */
public final class FaultyProxy implements AutoCloseable {
    private static final int BUFFER = 16 * 1024;

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connectionsToCut = new AtomicInteger();
    private final AtomicInteger cut = new AtomicInteger();
    private volatile long cutAfterBytes;
    private volatile long bytesPerSecond;
    private volatile boolean closed;

    public FaultyProxy(URI target) {
        this.target = new InetSocketAddress(target.getHost(), target.getPort());
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("the proxy could not listen", e);
        }
        Thread acceptor = new Thread(this::acceptUntilClosed, "faulty-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /**
     * The next {@code connections} connections are closed once {@code afterBytes} bytes of their
     * response went through. Connections open now are closed, so the client has to make new ones.
     */
    public void cutNextConnections(int connections, long afterBytes) {
        cutAfterBytes = afterBytes;
        connectionsToCut.set(connections);
        dropOpenConnections();
    }

    /** How many connections were cut so far. */
    public int connectionsCut() {
        return cut.get();
    }

    /** Responses flow at most this fast from now on (0: no limit). */
    public void throttle(long limit) {
        bytesPerSecond = limit;
    }

    public void dropOpenConnections() {
        for (Socket socket : open) {
            closeQuietly(socket);
        }
    }

    private void acceptUntilClosed() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(target.getAddress(), target.getPort());
                open.add(client);
                open.add(upstream);
                boolean cutThis = connectionsToCut.getAndUpdate(left -> Math.max(0, left - 1)) > 0;
                pump(client, upstream, Long.MAX_VALUE, false, "request");
                pump(upstream, client, cutThis ? cutAfterBytes : Long.MAX_VALUE, true, "response");
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("faulty proxy: " + e);
                }
            }
        }
    }

    private void pump(Socket from, Socket to, long limit, boolean response, String name) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[BUFFER];
            long forwarded = 0;
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer, 0, (int) Math.min(buffer.length, Math.max(1, limit - forwarded)))) != -1) {
                    out.write(buffer, 0, read);
                    forwarded += read;
                    if (forwarded >= limit) {
                        cut.incrementAndGet();
                        break;
                    }
                    if (response) {
                        pace(read);
                    }
                }
            } catch (IOException endOfEitherSide) {
                // one side went away: close both below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "faulty-proxy-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    private void pace(int bytes) {
        long limit = bytesPerSecond;
        if (limit <= 0) {
            return;
        }
        try {
            Thread.sleep(Math.max(1, bytes * 1000L / limit));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeQuietly(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // the accept loop ends either way
        }
        dropOpenConnections();
    }
}
