package io.fanout.transcode.api;

import io.fanout.transcode.persistence.MediaFiles;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/**
 * Serves recordings: {@code /vod/<streamId>/<sessionId>/master.m3u8} and each rung's closed
 * playlist and segments, as {@code recording.ready} announced them, until the retention period
 * deletes them. The same headers as live HLS; a recording never changes once closed.
 */
@Path("/vod/{streamId}/{sessionId}")
public class VodResource {

    private final MediaFiles files;

    public VodResource(MediaFiles files) {
        this.files = files;
    }

    @GET
    @Path("master.m3u8")
    public Response master(@PathParam("streamId") String streamId, @PathParam("sessionId") String sessionId) {
        return HlsResource.playlist(files.servableRecording(streamId, sessionId, null, "master.m3u8")
                .orElseThrow(VodResource::noRecording));
    }

    @GET
    @Path("{rung}/{file}")
    public Response media(@PathParam("streamId") String streamId, @PathParam("sessionId") String sessionId,
            @PathParam("rung") String rung, @PathParam("file") String file) {
        java.nio.file.Path path = files.servableRecording(streamId, sessionId, rung, file)
                .orElseThrow(VodResource::noRecording);
        return file.endsWith(".m3u8") ? HlsResource.playlist(path) : HlsResource.segment(path);
    }

    private static NotFoundException noRecording() {
        return new NotFoundException("no such recording");
    }
}
