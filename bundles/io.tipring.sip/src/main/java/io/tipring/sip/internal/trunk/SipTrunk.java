package io.tipring.sip.internal.trunk;

import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One configured trunk (factory pid {@code io.tipring.sip.trunk}, one {@code etc/io.tipring.sip.trunk-<name>.cfg}
 * each), registered for the SIP endpoint to dial through. Without {@code name}, the trunk takes the
 * {@code <name>} of its configuration: the part after {@code ~} of a named factory configuration, else the part
 * after the dash of its file name.
 */
@Component(service = SipTrunk.class, configurationPid = SipTrunk.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = TrunkConfig.class, factory = true)
public final class SipTrunk {

    public static final String FACTORY_PID = "io.tipring.sip.trunk";

    private static final String FILE_NAME = "felix.fileinstall.filename";

    private final Trunk trunk;

    /**
     * @param config     the trunk's settings
     * @param properties the whole configuration, for the name it was created under
     * @throws IllegalArgumentException if the trunk has no name, or a port or transport out of range
     */
    @Activate
    public SipTrunk(TrunkConfig config, Map<String, Object> properties) {
        this.trunk = Trunk.of(config.name().isBlank() ? configurationName(properties) : config.name(), config);
    }

    /** @return the trunk */
    public Trunk trunk() {
        return trunk;
    }

    static String configurationName(Map<String, Object> properties) {
        Object pid = properties.get("service.pid");
        if (pid instanceof String text && text.contains("~")) {
            return text.substring(text.indexOf('~') + 1);
        }
        Object file = properties.get(FILE_NAME);
        if (file != null) {
            String path = file.toString();
            String name = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
            String prefix = FACTORY_PID + "-";
            if (name.startsWith(prefix) && name.endsWith(".cfg")) {
                return name.substring(prefix.length(), name.length() - ".cfg".length());
            }
        }
        throw new IllegalArgumentException("a SIP trunk configuration needs a name: set name, or call its file "
                + "etc/" + FACTORY_PID + "-<name>.cfg");
    }

    @Override
    public String toString() {
        return trunk.toString();
    }
}
