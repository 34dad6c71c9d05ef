package io.fanout.transcode.service;

import io.fanout.transcode.config.TranscodeConfig;
import io.fanout.transcode.persistence.MediaFiles;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/** Deletes recordings whose session ended longer ago than the retention period, every hour. */
@ApplicationScoped
public class RecordingSweep {

    private static final Logger LOG = Logger.getLogger(RecordingSweep.class);

    private final MediaFiles files;
    private final TranscodeConfig config;

    public RecordingSweep(MediaFiles files, TranscodeConfig config) {
        this.files = files;
        this.config = config;
    }

    @Scheduled(every = "1h", delay = 1, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        int deleted = files.deleteRecordingsClosedBefore(Instant.now().minus(config.recordings().retention()));
        if (deleted > 0) {
            LOG.infof("deleted %d recordings older than %s", deleted, config.recordings().retention());
        }
    }
}
