package dev.shoplab.loadtests;

import dev.shoplab.lab.LabHome;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of {@code ./shoplab <args>} as a process of its own, for tests that run a lab command the way a
 * user does (and signal it): the JVM and classpath of this build, its own state folder, so that it finds no other
 * lab command's processes.
 */
public final class ShoplabCommand {

    private ShoplabCommand() {
    }

    /** Starts {@code ./shoplab} with {@code args}, its state in {@code stateDir}, its output (and errors) in {@code output}. */
    public static Process start(Path stateDir, Path output, List<String> args) throws IOException {
        return new ProcessBuilder(of(stateDir, args)).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    /** {@code ./shoplab} with {@code args}, its state in {@code stateDir}. */
    private static List<String> of(Path stateDir, List<String> args) throws IOException {
        LabHome home = LabHome.locate();
        Path module = home.artifact("load-tests");
        String classpath = module.resolve("target/classes") + File.pathSeparator
                + Files.readString(module.resolve("target/shoplab.classpath")).trim();
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dshoplab.home=" + home.root(), "-Dshoplab.state-dir=" + stateDir,
                "-cp", classpath, "dev.shoplab.lab.cli.Shoplab"));
        command.addAll(args);
        return command;
    }
}
