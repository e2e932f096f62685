package dev.shoplab.lab.infra;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks free TCP ports on the loopback interface for the processes the lab starts.
 * <p>
 * A port is picked <em>below the kernel's ephemeral range</em>, not with {@code bind(0)}: a service
 * binds its port seconds after the pick (a JVM starting), and in the meantime any outgoing connection
 * on the machine may take an ephemeral port as its local port. Under a bench's load (thousands of
 * client connections) that happened: a service died with "port in use" before it was ready. Ports
 * outside the ephemeral range are never taken that way. This JVM never hands out a port twice. Another program
 * that picks ports from the same range (a second lab, a build's test servers) can still bind one first; a process
 * that dies of it fails with {@link dev.shoplab.lab.process.PortTakenException}, and the bench starts the
 * architecture again on other ports.
 */
public final class FreePorts {

    /** The lowest port picked: above the well-known and most registered servers' ports. */
    private static final int LOWEST = 20000;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    /** Read once: the kernel's range does not change while the lab runs. */
    private static final int[] PICKABLE = pickable();
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    /** A port nobody listens on right now on 127.0.0.1 and no outgoing connection will take (the caller binds it soon after). */
    public static int pick() {
        return pickBetween(PICKABLE[0], PICKABLE[1]);
    }

    /**
     * The first of {@code count} consecutive ports nobody listens on right now, the first one picked as {@link #pick()}
     * does: for a command that takes one port and the ones after it ({@code ./shoplab demo --edge-port N}).
     *
     * @throws IllegalStateException when 50 picks found no such run of ports
     */
    public static int consecutive(int count) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int first = pick();
            boolean free = true;
            for (int i = 1; i < count; i++) {
                free &= first + i <= 65535 && !listening(first + i);
            }
            if (free) {
                for (int i = 1; i < count; i++) {
                    HANDED_OUT.add(first + i); // the run is the caller's: no later pick of this JVM hands out its rest
                }
                return first;
            }
        }
        throw new IllegalStateException("No " + count + " consecutive free ports on 127.0.0.1: stop lab processes left"
                + " running (./shoplab status) or free some ports");
    }

    /**
     * Marks ports a command was told to listen on ({@code --port}, {@code --edge-port}) as handed out, so that no pick
     * of this JVM — for the services it starts before it binds them — hands one of them out: a demo's third edge port
     * is bound a minute after the start, and a service picked before it could take it.
     */
    public static void reserve(Collection<Integer> ports) {
        HANDED_OUT.addAll(ports);
    }

    /** A free port in {@code [low, high]} not handed out before, starting at a random one. */
    static int pickBetween(int low, int high) {
        int size = high - low + 1;
        int offset = ThreadLocalRandom.current().nextInt(size);
        for (int i = 0; i < size; i++) {
            int port = low + (offset + i) % size;
            if (!HANDED_OUT.contains(port) && bindable(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("No free port on 127.0.0.1 between " + low + " and " + high
                + ": stop lab processes left running (./shoplab status) or free some ports");
    }

    /** The ports {@link #pick()} chooses from: {@code [low, high]}, clear of the ephemeral range. */
    static int[] pickable() {
        int[] ephemeral = ephemeralRange();
        if (ephemeral[0] - 1 - LOWEST >= 1000) {
            return new int[] {LOWEST, ephemeral[0] - 1};
        }
        if (65535 - ephemeral[1] >= 1000) {
            return new int[] {ephemeral[1] + 1, 65535};
        }
        return new int[] {LOWEST, 32767};
    }

    /**
     * The kernel's ephemeral port range (Linux), or 32768–65535 where it cannot be read (Linux's default starts at
     * 32768, IANA's range ends at 65535: the union of both). Read line by line: on JDK 17
     * {@code Files.readString} of this file returns its first byte only ({@code "3"}), because /proc reports a
     * size of 0 and the JDK trusts it.
     */
    static int[] ephemeralRange() {
        try (BufferedReader reader = Files.newBufferedReader(EPHEMERAL_RANGE)) {
            String[] bounds = reader.readLine().trim().split("\\s+");
            return new int[] {Integer.parseInt(bounds[0]), Integer.parseInt(bounds[1])};
        } catch (IOException | RuntimeException e) {
            return new int[] {32768, 65535};
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** True if something accepts connections on 127.0.0.1:{@code port}. */
    public static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
