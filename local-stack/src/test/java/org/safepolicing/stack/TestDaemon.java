package org.safepolicing.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import com.sun.net.httpserver.HttpServer;

/**
 * A small server for {@link SupervisorTest}, run as a real child process the way bin/suite runs the stack's parts:
 *
 * <pre>
 * TestDaemon ready NAME PORT [-XX:AOTCacheOutput=FILE] [fatal]   listens, prints READY NAME 127.0.0.1:PORT
 * TestDaemon http PORT STATUS                                   answers every GET with STATUS
 * TestDaemon stubborn NAME PORT                                 like ready, but SIGTERM does not stop it
 * TestDaemon failed                                             prints FAILED the disk is full, exits 1
 * TestDaemon exit                                               prints a line, exits 3
 * </pre>
 *
 * <p>With {@code -XX:AOTCacheOutput=FILE} among its arguments (where the supervisor looks for it in the command line),
 * it writes FILE when it is stopped, as a JVM training an AOT cache does; with {@code fatal} it also prints the first
 * line of a JVM crash report first.
 */
public final class TestDaemon {

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "ready", "stubborn" -> {
                ServerSocket socket = new ServerSocket();
                socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), Integer.parseInt(args[2])));
                for (String arg : args) {
                    if (arg.startsWith(AotCache.OPTION)) {
                        Path cache = Path.of(arg.substring(AotCache.OPTION.length()));
                        boolean fatal = java.util.List.of(args).contains("fatal");
                        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                            if (fatal) {
                                System.out.println(AotCache.FATAL_ERROR + " by the Java Runtime Environment:");
                            }
                            try {
                                Files.writeString(cache, "a trained cache");
                            } catch (IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        }));
                    }
                }
                if (args[0].equals("stubborn")) {
                    sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> System.out.println("ignoring TERM"));
                }
                System.out.println("starting " + args[1]);
                System.out.println("READY " + args[1] + " 127.0.0.1:" + args[2]);
                System.out.flush();
                Thread.sleep(Long.MAX_VALUE);
            }
            case "http" -> {
                int status = Integer.parseInt(args[2]);
                HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[1])), 0);
                server.createContext("/", exchange -> {
                    exchange.sendResponseHeaders(status, -1);
                    exchange.close();
                });
                server.start();
                System.out.println("serving " + status);
                Thread.sleep(Long.MAX_VALUE);
            }
            case "failed" -> {
                System.out.println("FAILED the disk is full");
                System.exit(1);
            }
            case "exit" -> {
                System.out.println("giving up at once");
                System.exit(3);
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private TestDaemon() {
    }
}
