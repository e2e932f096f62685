package dev.shoplab.lab.architecture;

import dev.shoplab.lab.process.ManagedProcess;
import java.time.Instant;
import java.util.Map;

/**
 * A running architecture of several processes held by {@link ServiceProcesses}: the process table,
 * kill, restart and close written once. Subclasses add where their edge, catalogue and metrics are.
 */
public abstract class RunningServices implements RunningArchitecture {

    private final ServiceProcesses processes;

    protected RunningServices(ServiceProcesses processes) {
        this.processes = processes;
    }

    /**
     * The service that hosts a bounded context in an architecture of one service per context:
     * {@code inventory} → {@code inventory-service}.
     */
    public static String serviceOf(String context) {
        return switch (context) {
            case "order", "orders" -> "order-service";
            case "inventory" -> "inventory-service";
            case "payment", "payments" -> "payment-service";
            case "notification", "notifications" -> "notification-service";
            default -> throw new IllegalArgumentException("No bounded context '" + context
                    + "'; contexts: order, inventory, payment, notification");
        };
    }

    @Override
    public Map<String, ManagedProcess> processes() {
        return processes.all();
    }

    @Override
    public void kill(String role, Instant restartsAt) {
        processes.kill(role, restartsAt);
    }

    @Override
    public void restart(String role) {
        processes.restart(role);
    }

    @Override
    public void close() {
        processes.close();
    }
}
