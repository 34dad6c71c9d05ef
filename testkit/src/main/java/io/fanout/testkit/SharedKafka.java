package io.fanout.testkit;

/** Holder of the JVM-wide broker: created and started on first use, stopped at JVM exit. */
final class SharedKafka {

    static final KafkaBroker INSTANCE = create();

    private SharedKafka() {
    }

    private static KafkaBroker create() {
        KafkaBroker broker = KafkaBroker.dedicated();
        broker.start();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "fanout-testkit-kafka-stop"));
        return broker;
    }
}
