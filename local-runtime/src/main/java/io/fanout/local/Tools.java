package io.fanout.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds the programs the local processes and the tests run: ffmpeg, ffprobe, nginx and nginx's RTMP module, Chromium and
 * its driver. Each can be overridden by an environment variable or system property of the same name
 * ({@code FANOUT_FFMPEG}, {@code FANOUT_FFPROBE}, {@code FANOUT_NGINX}, {@code FANOUT_NGINX_RTMP_MODULE},
 * {@code FANOUT_CHROMIUM}, {@code FANOUT_CHROMEDRIVER}).
 * A missing program is a clear error that says what to install.
 */
public final class Tools {

    private Tools() {
    }

    public static String ffmpeg() {
        return find("FANOUT_FFMPEG", List.of("/usr/bin/ffmpeg", "/usr/local/bin/ffmpeg"), "ffmpeg");
    }

    public static String ffprobe() {
        return find("FANOUT_FFPROBE", List.of("/usr/bin/ffprobe", "/usr/local/bin/ffprobe"), "ffmpeg");
    }

    public static String nginx() {
        return find("FANOUT_NGINX", List.of("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx"),
                "nginx");
    }

    public static String rtmpModule() {
        return find("FANOUT_NGINX_RTMP_MODULE", List.of("/usr/lib/nginx/modules/ngx_rtmp_module.so",
                "/usr/local/lib/nginx/modules/ngx_rtmp_module.so"), "libnginx-mod-rtmp");
    }

    public static String streamModule() {
        return find("FANOUT_NGINX_STREAM_MODULE", List.of("/usr/lib/nginx/modules/ngx_stream_module.so",
                "/usr/local/lib/nginx/modules/ngx_stream_module.so"), "libnginx-mod-stream");
    }

    public static String chromium() {
        return find("FANOUT_CHROMIUM", List.of("/usr/bin/chromium", "/usr/bin/chromium-browser"), "chromium");
    }

    public static String chromedriver() {
        return find("FANOUT_CHROMEDRIVER", List.of("/usr/bin/chromedriver"), "chromium-driver");
    }

    private static String find(String setting, List<String> candidates, String debianPackage) {
        String override = System.getProperty(setting, System.getenv(setting));
        if (override != null) {
            return override;
        }
        return candidates.stream().filter(path -> Files.isExecutable(Path.of(path)) || Files.isRegularFile(Path.of(path)))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("not found: " + candidates.get(0)
                        + " (install the Debian package " + debianPackage + ", or set " + setting + ")"));
    }
}
