package io.switchboard.bench;

import static io.switchboard.bench.Progress.progress;
import static io.switchboard.bench.RunClock.since;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends the REST corpus through the gateway, one request at a time, and judges every answer: a bad request
 * must get a 4xx; a 2xx means bad input was taken, a 5xx that it broke something.
 */
final class RestPoisoning {

    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    /**
     * @param controlsAccepted valid control requests answered 2xx, out of {@code controls}
     * @param controlFailures  what the others got
     */
    record Result(Outcomes outcomes, int controlsAccepted, int controls, List<String> controlFailures,
            Duration took) {
    }

    private RestPoisoning() {
    }

    static Result run(String gatewayUrl, String token, String projectId, String chatId, String turnId) {
        long started = System.nanoTime();
        List<RestCorpus.Route> routes = RestCorpus.routes(projectId, chatId, turnId);
        Outcomes outcomes = new Outcomes();
        List<String> controlFailures = new ArrayList<>();
        int controlsAccepted = 0;
        try (RawHttp http = new RawHttp(gatewayUrl, token, ANSWER_TIMEOUT)) {
            List<RestCorpus.RestCase> controls = RestCorpus.controls(routes);
            for (RestCorpus.RestCase control : controls) {
                RawHttp.Answer answer = http.exchange(control);
                if (Outcomes.ofStatus(answer.status()) == Outcomes.Verdict.ACCEPTED) {
                    controlsAccepted++;
                } else {
                    controlFailures.add(control.route() + " valid request answered " + answer.status() + ": "
                            + answer.bodyStart());
                }
            }
            List<RestCorpus.RestCase> corpus = RestCorpus.build(routes);
            progress("REST corpus: %d bad requests over %d routes (%d valid controls accepted)", corpus.size(),
                    routes.size(), controlsAccepted);
            for (RestCorpus.RestCase request : corpus) {
                RawHttp.Answer answer = http.exchange(request);
                Outcomes.Verdict verdict = Outcomes.ofStatus(answer.status());
                String label = answer.status() < 0 ? "no answer" : String.valueOf(answer.status());
                String cut = answer.writeCut() ? " (closed before the whole request was written)" : "";
                outcomes.add(request.kind(), label, verdict, request.route() + " " + request.kind().label() + " ("
                        + request.variant() + ") -> " + label + cut + " " + answer.bodyStart());
            }
        }
        return new Result(outcomes, controlsAccepted, routes.size(), controlFailures, since(started));
    }
}
