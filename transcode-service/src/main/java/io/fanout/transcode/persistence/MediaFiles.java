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
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The HLS files of ladders, under the media directory: live ones as {@code live/<streamId>/master.m3u8}
 * and {@code live/<streamId>/<rung>/index.m3u8} with its segments, recordings as
 * {@code recordings/<streamId>/<sessionId>/...} in the same layout. ffmpeg writes the rungs; this
 * class writes the masters, clears a stream's live files for a new session, closes a recording
 * into a VOD, deletes old recordings, and resolves what the HTTP API may serve (nothing outside the
 * media directory, no hidden or temporary files).
 */
@ApplicationScoped
public class MediaFiles {

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern SERVED_FILE = Pattern.compile("[A-Za-z0-9_-]{1,64}\\.(m3u8|ts)");

    private final Path live;
    private final Path recordings;

    public MediaFiles(TranscodeConfig config) {
        Path media = config.mediaDirectory().toAbsolutePath().normalize();
        this.live = media.resolve("live");
        this.recordings = media.resolve("recordings");
    }

    /** Where the session's recording is written. */
    public Path recordingDirectory(String streamId, String sessionId) {
        requireSafe(streamId);
        requireSafe(sessionId);
        return recordings.resolve(streamId).resolve(sessionId);
    }

    /**
     * Closes the session's recording into a VOD: every rung's playlist ends with
     * {@code EXT-X-ENDLIST} and says {@code VOD}, and a master lists the rungs that hold media.
     * Returns the media duration (of the top rung), or empty when nothing was recorded.
     */
    public OptionalDouble closeRecording(String streamId, String sessionId, LadderPlan plan) {
        Path dir = recordingDirectory(streamId, sessionId);
        List<PlannedRung> kept = plan.rungs().stream()
                .filter(r -> Files.isRegularFile(dir.resolve(MasterPlaylist.mediaPlaylist(r.name())))).toList();
        if (kept.isEmpty()) {
            return OptionalDouble.empty();
        }
        try {
            double duration = 0;
            for (PlannedRung rung : kept) {
                Path playlist = dir.resolve(MasterPlaylist.mediaPlaylist(rung.name()));
                String text = Files.readString(playlist).replace("#EXT-X-PLAYLIST-TYPE:EVENT", "#EXT-X-PLAYLIST-TYPE:VOD");
                if (!text.contains("#EXT-X-ENDLIST")) {
                    text = text.endsWith("\n") ? text + "#EXT-X-ENDLIST\n" : text + "\n#EXT-X-ENDLIST\n";
                }
                writeAtomically(playlist, text);
                if (rung == kept.get(0)) {
                    duration = text.lines().filter(l -> l.startsWith("#EXTINF:"))
                            .mapToDouble(l -> Double.parseDouble(l.substring(8, l.indexOf(',') < 0 ? l.length()
                                    : l.indexOf(',')))).sum();
                }
            }
            writeAtomically(dir.resolve("master.m3u8"), MasterPlaylist.render(
                    new LadderPlan(kept, plan.keyframesFromSource(), plan.copyAudio(), plan.audio())));
            return OptionalDouble.of(duration);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the recording of stream " + streamId, e);
        }
    }

    /** Deletes the recordings closed before {@code cutoff}; returns how many. */
    public int deleteRecordingsClosedBefore(Instant cutoff) {
        if (!Files.isDirectory(recordings)) {
            return 0;
        }
        int deleted = 0;
        try (Stream<Path> streams = Files.list(recordings)) {
            for (Path stream : streams.toList()) {
                try (Stream<Path> sessions = Files.list(stream)) {
                    for (Path session : sessions.toList()) {
                        Path master = session.resolve("master.m3u8");
                        if (Files.isRegularFile(master) && Files.getLastModifiedTime(master).toInstant().isBefore(cutoff)) {
                            deleteTree(session);
                            deleted++;
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sweep recordings", e);
        }
        return deleted;
    }

    /** The file of a closed recording ({@code rung} null: its master), if it exists and may be served. */
    public Optional<Path> servableRecording(String streamId, String sessionId, String rung, String file) {
        if (!SAFE_NAME.matcher(sessionId).matches()) {
            return Optional.empty();
        }
        return servable(recordings, streamId, sessionId, rung, file);
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
     * rung has its directory (and its recording directory, with {@code recording}), and the master
     * playlist lists exactly the plan's rungs.
     */
    public void prepare(String streamId, LadderPlan plan, boolean newSession, Path recording) {
        Path dir = liveDirectory(streamId);
        try {
            if (newSession) {
                deleteTree(dir);
            }
            for (PlannedRung rung : plan.rungs()) {
                Files.createDirectories(dir.resolve(rung.name()));
                if (recording != null) {
                    Files.createDirectories(recording.resolve(rung.name()));
                }
            }
            writeAtomically(dir.resolve("master.m3u8"), MasterPlaylist.render(plan));
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
        return servable(live, streamId, null, rung, file);
    }

    private static Optional<Path> servable(Path root, String streamId, String sessionId, String rung, String file) {
        if (!SAFE_NAME.matcher(streamId).matches() || (rung != null && !SAFE_NAME.matcher(rung).matches())
                || !SERVED_FILE.matcher(file).matches()) {
            return Optional.empty();
        }
        Path dir = sessionId == null ? root.resolve(streamId) : root.resolve(streamId).resolve(sessionId);
        Path path = (rung == null ? dir : dir.resolve(rung)).resolve(file);
        return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(temporary, text);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void requireSafe(String id) {
        if (!SAFE_NAME.matcher(id).matches()) {
            throw new IllegalArgumentException("not an id: " + id);
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
