package io.tipring.console.internal;

import io.tipring.api.status.ServerStatus;
import io.tipring.api.status.StatusReport;
import java.time.Duration;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code tipring:status}: the same health the {@code /health} endpoint reports, for the operator at the console. */
@Component(service = StatusCommand.class, property = {
    "osgi.command.scope=tipring",
    "osgi.command.function=status"
})
public final class StatusCommand {

    private final ServerStatus status;

    @Activate
    public StatusCommand(@Reference ServerStatus status) {
        this.status = status;
    }

    @Descriptor("shows whether tipring is whole: version, uptime, and any bundle or component that is not running")
    public String status() {
        return render(status.report());
    }

    static String render(StatusReport report) {
        Table table = new Table("Item", "Value");
        table.row("Status", report.status());
        table.row("Version", report.version());
        table.row("Started", report.startedAt().toString());
        table.row("Uptime", uptime(report.uptime()));
        for (String bundle : report.inactiveBundles()) {
            table.row("Inactive bundle", bundle);
        }
        for (String component : report.unsatisfiedComponents()) {
            table.row("Unsatisfied component", component);
        }
        return table.toString();
    }

    private static String uptime(Duration uptime) {
        return String.format("%dd %02dh %02dm %02ds", uptime.toDays(), uptime.toHoursPart(), uptime.toMinutesPart(),
                uptime.toSecondsPart());
    }
}
