package io.tipring.vad.silero.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import io.tipring.api.media.Resamplers;
import io.tipring.api.speech.VadProvider;
import io.tipring.api.speech.VadRequest;
import io.tipring.api.speech.VoiceDetector;
import io.tipring.media.internal.resample.PolyphaseResamplers;
import io.tipring.testing.speech.TestAudio;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.felix.framework.Felix;
import org.apache.felix.scr.component.ExtFactoryComponentInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.ComponentContext;
import org.osgi.util.function.Function;
import org.osgi.util.promise.Promise;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The bundle as built (target/classes, which carries its manifest) in Felix with SCR: its component registers, and
 * ONNX Runtime, private to the bundle, extracts and loads its natives through the bundle's class loader and judges
 * speech, also after the bundle is updated and refreshed (a new class loader). The API and SLF4J come from the class path through the system bundle, so that the test talks to the
 * service with its own types.
 */
class OsgiBootTest {

    @TempDir
    Path storage;

    @Test
    void theBundleLoadsOnnxRuntimeAndServesTheProvider() throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, apiExports() + ",org.slf4j;version=2.0.20");
        Felix felix = new Felix(config);
        felix.start();
        try {
            BundleContext context = felix.getBundleContext();
            for (Class<?> type : List.of(Function.class, Promise.class, ComponentContext.class,
                    ExtFactoryComponentInstance.class)) {
                context.installBundle(location(type)).start();
            }
            context.registerService(Resamplers.class, new PolyphaseResamplers(), null);
            Bundle silero = context.installBundle("reference:" + location(SileroVad.class));
            silero.start();
            ServiceTracker<VadProvider, VadProvider> tracker = new ServiceTracker<>(context,
                    context.createFilter("(&(objectClass=" + VadProvider.class.getName() + ")(tipring.speech.provider"
                            + "=silero))"), null);
            tracker.open();
            VadProvider provider = tracker.waitForService(30_000);
            assertNotNull(provider, "no silero VadProvider registered");
            ServiceReference<VadProvider> reference = tracker.getServiceReference();
            assertEquals(10, reference.getProperty(Constants.SERVICE_RANKING));
            assertEquals(silero, reference.getBundle());
            assertNotSame(OrtEnvironment.class, silero.loadClass(OrtEnvironment.class.getName()),
                    "ONNX Runtime must be the bundle's own copy");

            VoiceDetector detector = provider.create(new VadRequest(16000, 2, Map.of()));
            short[] speech = TestAudio.wav(OsgiBootTest.class, "speech-16k.wav", 16000);
            float max = 0;
            for (int frame = 0; frame < speech.length / 320; frame++) {
                max = Math.max(max, detector.speechProbability(speech, frame * 320, 320));
            }
            assertTrue(max > 0.9, "the speech's highest probability: " + max);

            silero.stop();
            assertTrue(tracker.isEmpty(), "the service is gone with the bundle");
            assertEquals(0, detector.speechProbability(speech, 0, 320), "a stopped provider's stream is silent");

            // A new revision has a new class loader: ONNX Runtime's natives load once more, from new temp files.
            Class<?> before = silero.loadClass(OrtEnvironment.class.getName());
            silero.update();
            CountDownLatch refreshed = new CountDownLatch(1);
            felix.adapt(FrameworkWiring.class).refreshBundles(List.of(silero), event -> refreshed.countDown());
            assertTrue(refreshed.await(30, TimeUnit.SECONDS), "refresh");
            silero.start();
            assertNotSame(before, silero.loadClass(OrtEnvironment.class.getName()));
            provider = tracker.waitForService(30_000);
            assertNotNull(provider, "no silero VadProvider after the refresh");
            detector = provider.create(new VadRequest(8000, 2, Map.of()));
            short[] narrow = TestAudio.wav(OsgiBootTest.class, "speech-8k.wav", 8000);
            max = 0;
            for (int frame = 0; frame < narrow.length / 160; frame++) {
                max = Math.max(max, detector.speechProbability(narrow, frame * 160, 160));
            }
            assertTrue(max > 0.9, "after the refresh, the speech's highest probability: " + max);
            detector.close();
            tracker.close();
        } finally {
            felix.stop();
            felix.waitForStop(10_000);
        }
    }

    /** The API packages as the system bundle exports them, at the versions the API jar declares. */
    private static String apiExports() throws IOException, URISyntaxException {
        Path api = Path.of(VadProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Manifest manifest;
        if (Files.isDirectory(api)) {
            try (InputStream in = Files.newInputStream(api.resolve("META-INF/MANIFEST.MF"))) {
                manifest = new Manifest(in);
            }
        } else {
            try (JarFile jar = new JarFile(api.toFile())) {
                manifest = jar.getManifest();
            }
        }
        String exports = manifest.getMainAttributes().getValue(Constants.EXPORT_PACKAGE);
        StringBuilder out = new StringBuilder();
        for (String name : List.of("io.tipring.api.media", "io.tipring.api.speech")) {
            Matcher m = Pattern.compile(Pattern.quote(name) + ";(?:[a-z:]+=\"[^\"]*\";)*?version=\"([^\"]+)\"")
                    .matcher(exports);
            assertTrue(m.find(), name + " in " + exports);
            out.append(out.isEmpty() ? "" : ",").append(name).append(";version=").append(m.group(1));
        }
        return out.toString();
    }

    private static String location(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation().toString();
    }
}
