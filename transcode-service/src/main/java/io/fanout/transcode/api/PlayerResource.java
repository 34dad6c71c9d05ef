package io.fanout.transcode.api;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.regex.Pattern;

/**
 * The platform's player page of a stream ({@code /watch/<streamId>}): hls.js from a WebJar plays
 * the stream's master playlist, choosing a rung by bandwidth; it waits and retries while the stream
 * is not live. Viewers are not partners: the page holds no credentials and shows only the stream.
 */
@Path("/watch/{streamId}")
public class PlayerResource {

    private static final Pattern STREAM_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final String SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "media-src 'self' blob:; worker-src 'self' blob:; connect-src 'self'; img-src 'self' data:; "
            + "frame-ancestors *; base-uri 'none'; form-action 'none'";

    @CheckedTemplate(basePath = "watch")
    static class Templates {
        static native TemplateInstance page(String streamId, String playlist);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page(@PathParam("streamId") String streamId) {
        if (!STREAM_ID.matcher(streamId).matches()) {
            throw new NotFoundException("no such stream");
        }
        return Response.ok(Templates.page(streamId, "/hls/" + streamId + "/master.m3u8"))
                .header("Content-Security-Policy", SECURITY_POLICY).header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-cache").build();
    }
}
