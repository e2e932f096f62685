package dev.shoplab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoplab.lab.process.ProcessLedger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control token's life in the state folder: private, kept while a lab command runs, new when none does. */
class ControlTokenTest {

    @TempDir
    Path stateDir;

    @Test
    void the_token_is_private_kept_while_a_command_runs_and_new_when_none_does() throws Exception {
        LabHome home = new LabHome(stateDir.getParent(), stateDir);
        ProcessLedger ledger = new ProcessLedger(home.pidDir());
        Path file = stateDir.resolve(ControlToken.FILE);

        ControlToken first = ControlToken.acquire(home);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(first.value(), Files.readString(file).trim());
        assertEquals(43, first.value().length(), "256 bits in base64url without padding");

        // this JVM now counts as a running lab command: a second acquisition keeps the token
        assertEquals(first.value(), ControlToken.acquire(home).value());

        // the command ended: nothing runs, the next command gets a new token, still private
        ledger.forgetOwner();
        ControlToken second = ControlToken.acquire(home);
        assertNotEquals(first.value(), second.value());
        assertEquals(second.value(), Files.readString(file).trim());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        ledger.forgetOwner();
    }

    @Test
    void the_token_never_shows_in_a_log_line() {
        ControlToken token = ControlToken.acquire(new LabHome(stateDir.getParent(), stateDir));

        assertEquals(-1, token.toString().indexOf(token.value()));
        assertEquals(-1, new AdminApi("http://127.0.0.1:1", token).toString().indexOf(token.value()));
        new ProcessLedger(stateDir.resolve("pids")).forgetOwner();
    }

    @Test
    void the_token_is_carried_with_its_scheme_in_any_case_and_itself_exactly() {
        ControlToken token = ControlToken.given("lab-test-token");

        // RFC 9110 §11.1: the authentication scheme is case-insensitive; the token itself is not
        for (String authorization : new String[] {"Bearer lab-test-token", "bearer lab-test-token", "BEARER lab-test-token",
                " bEaReR lab-test-token "}) {
            assertTrue(token.isCarriedBy(authorization), authorization);
        }
        for (String authorization : new String[] {null, "", "lab-test-token", "Bearer LAB-TEST-TOKEN", "Bearer lab-test-tokenx",
                "Basic lab-test-token", "Bearerlab-test-token", "Bearer"}) {
            assertFalse(token.isCarriedBy(authorization), String.valueOf(authorization));
        }
    }
}
