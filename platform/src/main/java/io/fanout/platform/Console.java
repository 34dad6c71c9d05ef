package io.fanout.platform;

import java.util.logging.Level;
import org.jboss.logging.Logger;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;

/**
 * The console of {@code ./fanout}'s own commands (benchmarks, {@code ./fanout feed}, the chaos run)
 * and of the system tests (what they measured, in their output under target/failsafe-reports): the
 * {@code fanout.console} logger, given here a plain console handler on standard output, so a person
 * running a command sees its progress and results; every other logger shows warnings and errors
 * only. (Configured here rather than in a {@code logging.properties}: the test kit's Quarkus jars,
 * on the classpath of the system tests, benchmarks and chaos run, bring their own log-manager
 * configurator, which would not read one.)
 * Nothing secret is ever written here.
 */
public final class Console {

    private static final String CATEGORY = "fanout.console";
    private static final Logger LOG = configured();

    private Console() {
    }

    /** A step of the command, as {@code ==> step}. */
    public static void step(String step) {
        LOG.info("==> " + step);
    }

    /** Text shown as it is (a results table). */
    public static void show(String text) {
        LOG.info(text.stripTrailing());
    }

    /** What stops the command. */
    public static void error(String message) {
        LOG.error(message);
    }

    private static Logger configured() {
        // Everything else shows warnings and errors only; the Kafka client only errors (it warns of every
        // refused connection while the broker starts or restarts, which the command says itself).
        java.util.logging.Logger.getLogger("").setLevel(Level.WARNING);
        java.util.logging.Logger.getLogger("org.apache.kafka").setLevel(Level.SEVERE);
        java.util.logging.Logger console = java.util.logging.Logger.getLogger(CATEGORY);
        if (console.getHandlers().length == 0) {
            ConsoleHandler handler = new ConsoleHandler(ConsoleHandler.Target.SYSTEM_OUT, new PatternFormatter("%s%e%n"));
            handler.setAutoFlush(true);
            console.addHandler(handler);
            console.setUseParentHandlers(false);
            console.setLevel(Level.INFO);
        }
        return Logger.getLogger(CATEGORY);
    }
}
