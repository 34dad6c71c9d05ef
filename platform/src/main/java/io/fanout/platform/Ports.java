package io.fanout.platform;

import io.fanout.kafka.LocalKafka;
import java.util.EnumMap;
import java.util.Map;

/**
 * The ports the local platform listens on: one per service, the edge's RTMP, RTMPS and HTTP ports,
 * and Prometheus'.
 */
public record Ports(Map<Service, Integer> services, int edgeRtmp, int edgeRtmps, int edgeHttp, int prometheus) {

    /** The usual ports (8081-8084, RTMP 1935, RTMPS 1936, HTTP 8080, Prometheus 9090), as the README and encoders expect. */
    public static Ports standard() {
        Map<Service, Integer> services = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            services.put(service, service.defaultPort());
        }
        return new Ports(services, 1935, 1936, 8080, 9090);
    }

    /** Free ports, for tests that must not collide with anything. */
    public static Ports free() {
        Map<Service, Integer> services = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            services.put(service, LocalKafka.freePort());
        }
        return new Ports(services, LocalKafka.freePort(), LocalKafka.freePort(), LocalKafka.freePort(),
                LocalKafka.freePort());
    }

    public int of(Service service) {
        return services.get(service);
    }
}
