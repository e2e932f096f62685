package dev.shoplab.labs;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;

/**
 * A copy of the checkout for a page that changes code, such as lab 2's class that reaches through a module wall: the
 * page's commands edit and build the copy, and the checkout the build runs in never changes, whatever the page does
 * or however it fails. The copy is what an attendee's checkout is after the build they ran before the workshop: the
 * sources and, of each module's {@code target/}, what an incremental {@code ./mvnw} reads (compiled classes, generated
 * sources, the compiler's records of what it compiled, with the checkout's paths replaced by the copy's, so that
 * nothing is compiled again only because the folder moved). Packaged applications, jars, reports, git history and
 * the lab's state are left out (≈ 20 MB instead of ≈ 600 MB).
 */
final class CheckoutCopy {

    /** Folders never copied, wherever they are: history, the lab's state, editors' files. */
    private static final Set<String> LEFT_OUT = Set.of(".git", ".shoplab", "node_modules", ".idea");
    /** What an incremental build reads in a module's {@code target/}; the rest of it is left out. */
    private static final Set<String> BUILD_STATE = Set.of("classes", "test-classes", "generated-sources",
            "generated-test-sources", "maven-status");

    private CheckoutCopy() {
    }

    /** Copies {@code checkout} into {@code into} (created) and returns {@code into}. */
    static Path of(Path checkout, Path into) throws IOException {
        Files.createDirectories(into);
        Files.walkFileTree(checkout, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(checkout) && (LEFT_OUT.contains(name(dir))
                        || name(dir.getParent()).equals("target") && !BUILD_STATE.contains(name(dir)))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(into.resolve(checkout.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path parent = file.getParent();
                if (name(parent).equals("target")) {
                    return FileVisitResult.CONTINUE; // jars, archives, properties of the packaged build
                }
                Path copy = into.resolve(checkout.relativize(file).toString());
                if (name(file).equals("inputFiles.lst") && file.toString().contains("maven-status")) {
                    Files.writeString(copy, Files.readString(file).replace(checkout.toString(), into.toString()));
                    Files.setLastModifiedTime(copy, attrs.lastModifiedTime());
                } else {
                    Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return into;
    }

    private static String name(Path path) {
        return path == null || path.getFileName() == null ? "" : path.getFileName().toString();
    }
}
