package io.fanout.transcode.api;

import io.fanout.transcode.persistence.MediaFiles;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * Serves live HLS: {@code /hls/<streamId>/master.m3u8} (every rung) and each rung's media playlist
 * and segments. Players on other origins (the partner console, a partner's own page) read it, so
 * every answer allows any origin. Playlists change every segment and are never cached; a segment's
 * name carries its session, so it never changes and may be cached.
 */
@Path("/hls/{streamId}")
public class HlsResource {

    static final String PLAYLIST = "application/vnd.apple.mpegurl";
    static final String SEGMENT = "video/mp2t";

    private final MediaFiles files;

    public HlsResource(MediaFiles files) {
        this.files = files;
    }

    @GET
    @Path("master.m3u8")
    public Response master(@PathParam("streamId") String streamId) {
        return playlist(files.servable(streamId, null, "master.m3u8").orElseThrow(HlsResource::notLive));
    }

    @GET
    @Path("{rung}/{file}")
    public Response media(@PathParam("streamId") String streamId, @PathParam("rung") String rung,
            @PathParam("file") String file) {
        java.nio.file.Path path = files.servable(streamId, rung, file).orElseThrow(HlsResource::notLive);
        return file.endsWith(".m3u8") ? playlist(path) : segment(path);
    }

    static Response segment(java.nio.file.Path path) {
        return Response.ok(path.toFile(), SEGMENT).header("Access-Control-Allow-Origin", "*")
                .header("Cache-Control", "public, max-age=3600").build();
    }

    static Response playlist(java.nio.file.Path path) {
        try {
            return Response.ok(Files.readAllBytes(path), PLAYLIST).header("Access-Control-Allow-Origin", "*")
                    .header("Cache-Control", "no-cache").build();
        } catch (java.nio.file.NoSuchFileException gone) {
            throw notLive();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static NotFoundException notLive() {
        return new NotFoundException("no such live playlist or segment");
    }
}
