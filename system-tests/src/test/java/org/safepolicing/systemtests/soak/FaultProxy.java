package org.safepolicing.systemtests.soak;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP fault proxy on loopback (netcrusher is not on the Maven Central mirror this project builds from): it forwards
 * every connection to a target and, on demand, adds latency to every chunk in both directions, drops every open
 * connection at once (RST), or freezes the link (nothing passes either way, connections stay open) until thawed.
 * Virtual threads, two per connection.
 */
public final class FaultProxy implements AutoCloseable {

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Object frozenLock = new Object();
    private volatile boolean frozen;
    private volatile long latencyMillis;
    private volatile boolean closed;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    public FaultProxy(String targetHost, int targetPort) throws IOException {
        this.target = new InetSocketAddress(targetHost, targetPort);
        this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("fault-proxy-accept-" + port()).start(this::acceptLoop);
    }

    public int port() {
        return server.getLocalPort();
    }

    public long accepted() {
        return accepted.get();
    }

    public long dropped() {
        return dropped.get();
    }

    /** Every chunk waits this long before it is passed on (0: none). */
    public void latency(long millis) {
        latencyMillis = millis;
    }

    /** Drops every open connection (RST); new ones are accepted. Returns how many were dropped. */
    public int dropAll() {
        int n = 0;
        for (Socket s : open) {
            try {
                s.setSoLinger(true, 0);
                s.close();
                n++;
            } catch (IOException e) {
                // gone already
            }
        }
        dropped.addAndGet(n);
        return n;
    }

    /** Nothing passes in either direction until {@link #thaw()}; connections stay open, new ones wait. */
    public void freeze() {
        frozen = true;
    }

    public void thaw() {
        synchronized (frozenLock) {
            frozen = false;
            frozenLock.notifyAll();
        }
    }

    /** Back to a plain forwarder. */
    public void heal() {
        latency(0);
        thaw();
    }

    private void awaitThaw() throws InterruptedException {
        synchronized (frozenLock) {
            while (frozen && !closed) {
                frozenLock.wait(200);
            }
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                accepted.incrementAndGet();
                Thread.ofVirtual().start(() -> connect(client));
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void connect(Socket client) {
        Socket upstream = new Socket();
        try {
            awaitThaw();
            upstream.connect(target, 5_000);
            client.setTcpNoDelay(true);
            upstream.setTcpNoDelay(true);
        } catch (IOException | InterruptedException e) {
            closeQuietly(client);
            closeQuietly(upstream);
            return;
        }
        open.add(client);
        open.add(upstream);
        Thread.ofVirtual().start(() -> pump(client, upstream));
        Thread.ofVirtual().start(() -> pump(upstream, client));
    }

    private void pump(Socket from, Socket to) {
        byte[] buf = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                awaitThaw();
                long delay = latencyMillis;
                if (delay > 0) {
                    Thread.sleep(delay);
                }
                awaitThaw();
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // dropped, or the other side closed
        } finally {
            open.remove(from);
            open.remove(to);
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    @Override
    public void close() {
        closed = true;
        thaw();
        closeQuietly(new Socket());
        try {
            server.close();
        } catch (IOException e) {
            // nothing to do
        }
        dropAll();
    }
}
