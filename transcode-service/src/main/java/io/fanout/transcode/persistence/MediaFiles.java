package io.fanout.transcode.persistence;

import io.fanout.transcode.config.TranscodeConfig;
import io.fanout.transcode.domain.LadderPlan;
import io.fanout.transcode.domain.MasterPlaylist;
import io.fanout.transcode.domain.PlannedRung;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The HLS files of live ladders, under the media directory: {@code live/<streamId>/master.m3u8}
 * and {@code live/<streamId>/<rung>/index.m3u8} with its segments. ffmpeg writes the rungs; this
 * class writes the master, clears a stream's files for a new session, and resolves what the HTTP
 * API may serve (nothing outside the media directory, no hidden or temporary files).
 */
@ApplicationScoped
public class MediaFiles {

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern SERVED_FILE = Pattern.compile("[A-Za-z0-9_-]{1,64}\\.(m3u8|ts)");

    private final Path live;

    public MediaFiles(TranscodeConfig config) {
        this.live = config.mediaDirectory().toAbsolutePath().normalize().resolve("live");
    }

    /** The directory of every stream's live files ({@code <streamId>/<rung>/} below it). */
    public Path liveRoot() {
        return live;
    }

    /** The stream's live directory (rungs below it). */
    public Path liveDirectory(String streamId) {
        requireSafe(streamId);
        return live.resolve(streamId);
    }

    /**
     * Makes the stream's directory ready for {@code plan}: a new session starts from nothing, every
     * rung has its directory, and the master playlist lists exactly the plan's rungs.
     */
    public void prepare(String streamId, LadderPlan plan, boolean newSession) {
        Path dir = liveDirectory(streamId);
        try {
            if (newSession) {
                deleteTree(dir);
            }
            for (PlannedRung rung : plan.rungs()) {
                Files.createDirectories(dir.resolve(rung.name()));
            }
            Path temporary = dir.resolve(".master.m3u8.tmp");
            Files.writeString(temporary, MasterPlaylist.render(plan));
            Files.move(temporary, dir.resolve("master.m3u8"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the HLS directory of stream " + streamId, e);
        }
    }

    /** Whether every rung of the plan has written its media playlist (the ladder is playable). */
    public boolean playable(String streamId, LadderPlan plan) {
        Path dir = liveDirectory(streamId);
        return plan.rungs().stream().allMatch(r -> Files.isRegularFile(dir.resolve(MasterPlaylist.mediaPlaylist(r.name()))));
    }

    /**
     * The file {@code /hls/<streamId>/<rung>/<file>} (or {@code /hls/<streamId>/master.m3u8} with
     * a null rung) names, if it exists and may be served.
     */
    public Optional<Path> servable(String streamId, String rung, String file) {
        if (!SAFE_NAME.matcher(streamId).matches() || (rung != null && !SAFE_NAME.matcher(rung).matches())
                || !SERVED_FILE.matcher(file).matches()) {
            return Optional.empty();
        }
        Path dir = live.resolve(streamId);
        Path path = (rung == null ? dir : dir.resolve(rung)).resolve(file);
        return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }

    private static void requireSafe(String streamId) {
        if (!SAFE_NAME.matcher(streamId).matches()) {
            throw new IllegalArgumentException("not a stream id: " + streamId);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
