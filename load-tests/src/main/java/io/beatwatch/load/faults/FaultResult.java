package io.beatwatch.load.faults;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One fault's figures against the undisturbed run. An alert event is lost when the undisturbed run
 * has it (in the Kafka alert log or the Redis alert stream) and this run does not have it there; it
 * is duplicated when it appears more than once in this run's log or stream.
 *
 * @param name the fault
 * @param recovered the job recovered and caught up with the input within the run's bound
 * @param recoverySec from the fault (the end of an outage) to the first checkpoint after it
 * @param alertsLost distinct alert events missing from the log or the stream, plus (gateway fault)
 *     the events each console missed of its run's stream
 * @param alertsDuplicated distinct alert events present more than once in the log or the stream,
 *     plus (gateway fault) the events a console got more than once
 * @param viewIdentical the normalized Redis view equals the undisturbed one byte for byte
 * @param lostFromLog events missing from the Kafka alert log
 * @param lostFromStream events missing from the Redis alert stream
 * @param duplicatedInLog events more than once in the Kafka alert log (read committed)
 * @param duplicatedInStream events more than once in the Redis alert stream
 * @param extra events this run has that the undisturbed one has not
 * @param logEvents records in this run's alert log
 * @param notes what happened, in order
 * @param load load averages (1, 5, 15 min) at the end of the run
 */
public record FaultResult(
        String name,
        boolean recovered,
        double recoverySec,
        int alertsLost,
        int alertsDuplicated,
        boolean viewIdentical,
        int lostFromLog,
        int lostFromStream,
        int duplicatedInLog,
        int duplicatedInStream,
        int extra,
        int logEvents,
        List<String> notes,
        String load) {

    /** Compares a fault run with the undisturbed one. */
    public static FaultResult compare(
            String name,
            Snapshot base,
            Snapshot run,
            boolean recovered,
            double recoverySec,
            List<String> notes,
            String load,
            int consoleLost,
            int consoleDuplicated) {
        Set<String> runLog = new HashSet<>(run.log());
        Set<String> runStream = new HashSet<>(run.stream());
        Set<String> lostLog = new HashSet<>(base.log());
        lostLog.removeAll(runLog);
        Set<String> lostStream = new HashSet<>(base.stream());
        lostStream.removeAll(runStream);
        Set<String> lost = new HashSet<>(lostLog);
        lost.addAll(lostStream);
        Set<String> dupLog = duplicates(run.log());
        Set<String> dupStream = duplicates(run.stream());
        Set<String> dup = new HashSet<>(dupLog);
        dup.addAll(dupStream);
        Set<String> extra = new HashSet<>(runLog);
        extra.addAll(runStream);
        extra.removeAll(new HashSet<>(base.log()));
        extra.removeAll(new HashSet<>(base.stream()));
        return new FaultResult(
                name,
                recovered,
                Math.round(recoverySec * 10) / 10.0,
                lost.size() + consoleLost,
                dup.size() + consoleDuplicated,
                base.view().equals(run.view()),
                lostLog.size(),
                lostStream.size(),
                dupLog.size(),
                dupStream.size(),
                extra.size(),
                run.log().size(),
                List.copyOf(notes),
                load);
    }

    public static Set<String> duplicates(List<String> ids) {
        Map<String, Integer> n = new HashMap<>();
        for (String id : ids) n.merge(id, 1, Integer::sum);
        Set<String> out = new HashSet<>();
        n.forEach(
                (k, v) -> {
                    if (v > 1) out.add(k);
                });
        return out;
    }

    /** One line for the console. */
    public String summary() {
        return String.format(
                "%s: recovered %s in %.1f s, lost %d (log %d, stream %d), duplicated %d (log %d,"
                        + " stream %d), extra %d, view identical %s",
                name,
                recovered,
                recoverySec,
                alertsLost,
                lostFromLog,
                lostFromStream,
                alertsDuplicated,
                duplicatedInLog,
                duplicatedInStream,
                extra,
                viewIdentical);
    }
}
