package org.tandem.evaluation.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tandem.catalogue.control.Catalogue;
import org.tandem.catalogue.entity.ContentPack;
import org.tandem.catalogue.entity.Instrument;
import org.tandem.evaluation.control.AuditLog;
import org.tandem.evaluation.control.CollectedResponses;
import org.tandem.evaluation.control.EvaluationCsv;
import org.tandem.evaluation.control.EvaluationJson;
import org.tandem.evaluation.control.EvaluationReport;
import org.tandem.evaluation.control.EvaluationScope;
import org.tandem.evaluation.control.ProgrammeResponses;
import org.tandem.evaluation.control.Pseudonyms;
import org.tandem.evaluation.control.Suppression;
import org.tandem.platform.boundary.TandemPage;

/**
 * The programme evaluation for evaluators and administrators: the page, the learner-level CSV and
 * the JSON summary of one instrument, in the launch's course or across the deployment
 * ({@code scope=course|programme}), one instrument version at a time. Every download is audited.
 */
@Path("evaluate")
@RequestScoped
public class EvaluationResource {

    /** The instrument evaluated when a link names none: the starter pack's relationship assessment. */
    static final String DEFAULT_INSTRUMENT = "relationship";
    private static final Pattern INSTRUMENT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    @Inject
    EvaluatorContext context;

    @Inject
    ProgrammeResponses programmeResponses;

    @Inject
    Catalogue catalogue;

    @Inject
    Pseudonyms pseudonyms;

    @Inject
    AuditLog audit;

    @Inject
    @ConfigProperty(name = "tandem.learning.minimum-group-size", defaultValue = "8")
    int minimumGroupSize;

    /** What one request evaluates. */
    private record Evaluation(EvaluationScope scope, CollectedResponses collected, EvaluationReport report) {
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public Response page(@QueryParam(EvaluatorContext.TOKEN) String token, @QueryParam("scope") String scope,
                         @QueryParam("instrument") String instrument, @QueryParam("version") String version) {
        Evaluation evaluation = evaluate(token, scope, instrument, version);
        return EvaluationPage.of(evaluation.report(), new EvaluationPage.Setting(context.token(), evaluation.scope(),
                        context.contextTitle(), context.contextId().isPresent(), evaluation.collected().countsByVersion(),
                        evaluation.collected().unreadable(), context.displayName()))
                .response(200);
    }

    @GET
    @Path("export.csv")
    @Produces("text/csv")
    @Transactional
    public Response csv(@QueryParam(EvaluatorContext.TOKEN) String token, @QueryParam("scope") String scope,
                        @QueryParam("instrument") String instrument, @QueryParam("version") String version) {
        Evaluation evaluation = evaluate(token, scope, instrument, version);
        EvaluationCsv.Export export = EvaluationCsv.of(evaluation.report());
        record(evaluation, "evaluation.export.csv", export.rows() + " learner rows" + export.withheld().map(w -> "; " + w).orElse(""));
        Response.ResponseBuilder response = Response.ok(export.csv()).type("text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + fileName(evaluation, "csv") + "\"")
                .header("Cache-Control", "no-store");
        export.withheld().ifPresent(reason -> response.header("X-Tandem-Withheld", reason));
        return response.build();
    }

    @GET
    @Path("summary.json")
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    public Response json(@QueryParam(EvaluatorContext.TOKEN) String token, @QueryParam("scope") String scope,
                         @QueryParam("instrument") String instrument, @QueryParam("version") String version) {
        Evaluation evaluation = evaluate(token, scope, instrument, version);
        record(evaluation, "evaluation.export.json", "summary with suppression applied");
        return Response.ok(EvaluationJson.summary(evaluation.report(), evaluation.scope().kind(), evaluation.collected().unreadable()))
                .type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"" + fileName(evaluation, "json") + "\"")
                .header("Cache-Control", "no-store").build();
    }

    private Evaluation evaluate(String token, String scopeParam, String instrumentParam, String versionParam) {
        context.require(token);
        if (scopeParam != null && !scopeParam.isEmpty() && !scopeParam.equals("course") && !scopeParam.equals("programme")) {
            throw problem(400, "Scope not understood", "The scope is \"course\" (this course) or \"programme\" (every course "
                    + "of this deployment).");
        }
        String instrumentId = instrumentParam == null || instrumentParam.isBlank() ? DEFAULT_INSTRUMENT : instrumentParam.trim();
        if (!INSTRUMENT_ID.matcher(instrumentId).matches()) {
            throw problem(400, "Instrument not understood", "There is no instrument with that name.");
        }
        EvaluationScope scope = context.scope(scopeParam);
        CollectedResponses collected = programmeResponses.collect(scope, instrumentId);
        Instrument instrument = instrument(collected, instrumentId, versionParam);
        return new Evaluation(scope, collected, EvaluationReport.of(instrument, collected.responses(), suppression()));
    }

    /** The version asked for, else the newest anyone answered, else the newest published (when nobody answered yet). */
    private Instrument instrument(CollectedResponses collected, String instrumentId, String versionParam) {
        if (versionParam != null && !versionParam.isBlank()) {
            try {
                return collected.version(Integer.parseInt(versionParam.trim())).orElseThrow(() -> problem(404, "No such version",
                        "Nobody in this scope answered version " + versionParam.trim() + " of this instrument."));
            } catch (NumberFormatException e) {
                throw problem(400, "Version not understood", "The instrument version is a whole number.");
            }
        }
        return collected.newest().or(() -> published(instrumentId)).orElseThrow(() -> problem(404, "No such instrument",
                "Tandem has no assessment instrument '" + instrumentId + "'."));
    }

    private Optional<Instrument> published(String instrumentId) {
        for (ContentPack pack : catalogue.latestPacks()) {
            Optional<Instrument> instrument = pack.instrument(instrumentId);
            if (instrument.isPresent()) {
                return instrument;
            }
        }
        return Optional.empty();
    }

    Suppression suppression() {
        // a minimum below the floor is refused by Suppression (and at start-up by EvaluationSettings)
        return new Suppression(minimumGroupSize);
    }

    private void record(Evaluation evaluation, String action, String outcome) {
        String actor = pseudonyms.of(context.platformId(), context.deploymentId(), context.subject());
        EvaluationReport report = evaluation.report();
        audit.record(context.platformId(), context.deploymentId(), actor, action, "instrument " + report.instrument().id()
                + " version " + report.instrument().version() + ", scope " + evaluation.scope().kind()
                + evaluation.scope().contextId().map(c -> " (course " + c + ")").orElse("") + ": " + outcome);
    }

    private static String fileName(Evaluation evaluation, String extension) {
        return "tandem-evaluation-" + evaluation.report().instrument().id() + "-" + evaluation.scope().kind() + "." + extension;
    }

    private WebApplicationException problem(int status, String title, String message) {
        return new WebApplicationException(TandemPage.titled(title).person(context.displayName()).heading(title)
                .html("<div class=\"error\" role=\"alert\">" + TandemPage.text(message) + "</div>")
                .html("<p><a href=\"/evaluate?s=" + TandemPage.attr(context.token()) + "\">Back to the evaluation</a></p>")
                .response(status));
    }
}
