package io.fanout.platform;

import java.util.logging.Level;
import org.jboss.logging.Logger;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;

/**
 * The console of {@code ./fanout}'s own commands (benchmarks, {@code ./fanout feed}, the chaos run)
 * and of the system tests (what they measured, in their output under target/failsafe-reports): the
 * {@code fanout.console} logger, given here a plain console handler on standard output, so a person
 * running a command sees its progress and results. (A {@code logging.properties} would not be read:
 * the Quarkus jars the launcher's classpath carries bring their own log-manager configurator.)
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
