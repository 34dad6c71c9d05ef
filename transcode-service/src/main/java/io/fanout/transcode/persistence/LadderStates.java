package io.fanout.transcode.persistence;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fanout.contracts.stream.LadderSetting;
import io.fanout.transcode.domain.LadderPlan;
import io.fanout.transcode.config.TranscodeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * This service's own record of the sessions it runs ladders for, one small file per stream under
 * {@code <media>/state/}: written when a session's ladder is taken on, deleted when the session
 * ends. A restarted instance reads it to know which streams are live without replaying
 * {@code stream-lifecycle}, and with what plan each ladder runs (an adopted pod keeps the plan it
 * was started with).
 */
@ApplicationScoped
public class LadderStates {

    private static final Logger LOG = Logger.getLogger(LadderStates.class);
    /** Reads what it wrote: records' derived properties ({@code LadderPlan.isEmpty}) come back as unknown fields. */
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** A live session's ladder as recorded; {@code plan} is null until its first launch. */
    public record State(String streamId, String partnerId, String sessionId, LadderSetting ladder, boolean record,
            LadderPlan plan) {
    }

    private final Path dir;

    public LadderStates(TranscodeConfig config) {
        this.dir = config.mediaDirectory().toAbsolutePath().normalize().resolve("state");
    }

    public void save(State state) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(state.streamId() + ".json");
            Path temporary = dir.resolve("." + state.streamId() + ".tmp");
            Files.write(temporary, JSON.writeValueAsBytes(state));
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the ladder of stream " + state.streamId(), e);
        }
    }

    public void delete(String streamId) {
        try {
            Files.deleteIfExists(dir.resolve(streamId + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot forget the ladder of stream " + streamId, e);
        }
    }

    /** Every recorded session; an unreadable file is logged and skipped. */
    public List<State> all() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<State> states = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
                try {
                    states.add(JSON.readValue(file.toFile(), State.class));
                } catch (IOException e) {
                    LOG.warnf("unreadable ladder state %s skipped: %s", file.getFileName(), e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ladder states", e);
        }
        return states;
    }
}
