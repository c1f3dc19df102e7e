package org.tandem.evaluation.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tandem.catalogue.control.Catalogue;
import org.tandem.catalogue.entity.ContentPack;
import org.tandem.catalogue.entity.Instrument;
import org.tandem.evaluation.control.AnsweredInstrument;
import org.tandem.evaluation.control.AnsweredInstruments;
import org.tandem.evaluation.control.AuditLog;
import org.tandem.evaluation.control.CollectedResponses;
import org.tandem.evaluation.control.EvaluationCsv;
import org.tandem.evaluation.control.EvaluationJson;
import org.tandem.evaluation.control.EvaluationReport;
import org.tandem.evaluation.control.EvaluationScope;
import org.tandem.evaluation.control.FreeTextAnswers;
import org.tandem.evaluation.control.ProgrammeResponses;
import org.tandem.evaluation.control.Pseudonyms;
import org.tandem.evaluation.control.RScript;
import org.tandem.evaluation.control.RememberedInstruments;
import org.tandem.evaluation.control.Suppression;
import org.tandem.platform.boundary.Message;
import org.tandem.platform.boundary.Pages;

/**
 * The programme evaluation for evaluators and administrators: the page, the learner-level CSV and
 * the JSON summary of one instrument, in the launch's course or across the deployment
 * ({@code scope=course|programme}). The page lists every instrument answered in the scope; which one
 * is shown is, in order: the one the address names ({@code instrument}, {@code version}, and
 * {@code content} where two contents once shared an id and version), the one this evaluator last
 * chose in this scope, the one with the most responses, and (when nobody answered anything yet) the
 * starter pack's relationship assessment. Every download is audited.
 */
@Path("evaluate")
@RequestScoped
public class EvaluationResource {

    private static final Logger LOG = Logger.getLogger(EvaluationResource.class.getName());

    /** The instrument evaluated when nobody in the scope answered any: the starter pack's relationship assessment. */
    static final String DEFAULT_INSTRUMENT = "relationship";
    private static final Pattern INSTRUMENT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern CONTENT = Pattern.compile("[0-9a-f]{1,64}");
    private static final MediaType CSV = new MediaType("text", "csv", "UTF-8");

    @Inject
    EvaluatorContext context;

    @Inject
    ProgrammeResponses programmeResponses;

    @Inject
    RememberedInstruments remembered;

    @Inject
    Catalogue catalogue;

    @Inject
    Pseudonyms pseudonyms;

    @Inject
    AuditLog audit;

    @Inject
    Pages pages;

    @Inject
    @ConfigProperty(name = "tandem.learning.minimum-group-size", defaultValue = "8")
    int minimumGroupSize;

    /** What one request evaluates. */
    private record Evaluation(EvaluationScope scope, AnsweredInstruments answered, CollectedResponses collected,
                              EvaluationReport report, boolean named) {
    }

    /** What every evaluation address names: the launch token, the view and (optionally) the instrument. */
    public static class Asked {
        @QueryParam(EvaluatorContext.TOKEN)
        String token;
        @QueryParam("scope")
        String scope;
        @QueryParam("instrument")
        String instrument;
        @QueryParam("version")
        String version;
        @QueryParam("content")
        String content;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public Response page(@BeanParam Asked asked) {
        Evaluation evaluation = evaluate(asked);
        if (evaluation.named()) {
            remember(evaluation);
        }
        return pages.page(200, EvaluationPage.TEMPLATE, EvaluationPage.of(evaluation.report(), new EvaluationPage.Setting(
                context.token(), evaluation.scope(), context.contextTitle(), context.contextId().isPresent(), evaluation.answered(),
                evaluation.collected().unreadable(), context.displayName()), pages.messages()));
    }

    @GET
    @Path("export.csv")
    @Produces("text/csv")
    @Transactional
    public Response csv(@BeanParam Asked asked) {
        Evaluation evaluation = evaluate(asked);
        EvaluationCsv.Export export = EvaluationCsv.of(evaluation.report());
        record(evaluation, "evaluation.export.csv", export.rows() + " learner rows" + export.withheld().map(w -> "; " + w).orElse(""));
        Response.ResponseBuilder response = download(evaluation, export.csv(), CSV, "csv");
        export.withheld().ifPresent(reason -> response.header("X-Tandem-Withheld", reason));
        return response.build();
    }

    @GET
    @Path("reproduce.R")
    @Produces(MediaType.TEXT_PLAIN)
    @Transactional
    public Response rScript(@BeanParam Asked asked) {
        Evaluation evaluation = evaluate(asked);
        record(evaluation, "evaluation.export.r-script", "the R script that reproduces the page from the CSV export");
        return download(evaluation, RScript.of(evaluation.report(), fileName(evaluation, "csv")),
                MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"), "R").build();
    }

    @GET
    @Path("free-text.csv")
    @Produces("text/csv")
    @Transactional
    public Response freeText(@BeanParam Asked asked) {
        Evaluation evaluation = evaluate(asked);
        FreeTextAnswers answers = FreeTextAnswers.of(evaluation.report());
        if (answers.prompt().isEmpty()) {
            throw problem(404, "evaluation.noFreeText");
        }
        record(evaluation, "evaluation.export.free-text", answers.shown().size() + " free-text answers");
        return download(evaluation, answers.csv(), CSV, "free-text.csv").build();
    }

    @GET
    @Path("summary.json")
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    public Response json(@BeanParam Asked asked) {
        Evaluation evaluation = evaluate(asked);
        record(evaluation, "evaluation.export.json", "summary with suppression applied");
        return download(evaluation, EvaluationJson.summary(evaluation.report(), evaluation.scope().kind(),
                evaluation.collected().unreadable()), MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"), "json").build();
    }

    /** A file to save, named after the instrument and view, kept out of every cache. */
    private static Response.ResponseBuilder download(Evaluation evaluation, Object body, MediaType type, String extension) {
        return Response.ok(body).type(type)
                .header("Content-Disposition", "attachment; filename=\"" + fileName(evaluation, extension) + "\"")
                .header("Cache-Control", "no-store");
    }

    private Evaluation evaluate(Asked asked) {
        context.require(asked.token);
        String scopeParam = asked.scope;
        if (scopeParam != null && !scopeParam.isEmpty() && !scopeParam.equals("course") && !scopeParam.equals("programme")) {
            throw problem(400, "evaluation.bad.scope");
        }
        Optional<String> named = present(asked.instrument);
        if (named.isPresent() && !INSTRUMENT_ID.matcher(named.get()).matches()) {
            throw problem(400, "evaluation.bad.instrument");
        }
        Optional<Integer> version = present(asked.version).map(v -> {
            try {
                return Integer.valueOf(v);
            } catch (NumberFormatException e) {
                throw problem(400, "evaluation.bad.version");
            }
        });
        Optional<String> content = present(asked.content).map(c -> {
            if (!CONTENT.matcher(c).matches()) {
                throw problem(400, "evaluation.bad.content");
            }
            return c;
        });
        EvaluationScope scope = context.scope(scopeParam);
        AnsweredInstruments answered = programmeResponses.answered(scope);
        Instrument instrument = choose(scope, answered, named, version, content);
        CollectedResponses collected = programmeResponses.collect(scope, instrument.id());
        return new Evaluation(scope, answered, collected, EvaluationReport.of(instrument, collected.responses(), suppression()),
                named.isPresent());
    }

    /** The instrument to show: named in the address, else remembered, else the most answered, else the starter's. */
    private Instrument choose(EvaluationScope scope, AnsweredInstruments answered, Optional<String> named,
                              Optional<Integer> version, Optional<String> content) {
        Optional<String> id = named;
        if (id.isEmpty()) {
            Optional<AnsweredInstrument> preferred = remembered.find(scope, evaluator()).flatMap(answered::find)
                    .or(answered::mostAnswered);
            if (version.isEmpty()) {
                return preferred.map(AnsweredInstrument::instrument).or(() -> published(DEFAULT_INSTRUMENT))
                        .or(this::anyPublished).orElseThrow(() -> problem(404, "evaluation.noInstrument"));
            }
            id = Optional.of(preferred.map(a -> a.identity().id()).orElse(DEFAULT_INSTRUMENT));
        }
        String instrumentId = id.get();
        if (version.isPresent()) {
            return answered.version(instrumentId, version.get(), content).map(AnsweredInstrument::instrument)
                    .orElseThrow(() -> problem(404, "evaluation.noVersion", version.get()));
        }
        return answered.newest(instrumentId).map(AnsweredInstrument::instrument).or(() -> published(instrumentId))
                .orElseThrow(() -> problem(404, "evaluation.noSuchInstrument", instrumentId));
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

    private Optional<Instrument> anyPublished() {
        return catalogue.latestPacks().stream().flatMap(pack -> pack.instruments().stream()).findFirst();
    }

    /** Keeps the evaluator's choice for their next launch; a failure to keep it costs nothing but the convenience. */
    private void remember(Evaluation evaluation) {
        try {
            remembered.remember(evaluation.scope(), evaluator(), evaluation.report().identity());
        } catch (RuntimeException e) {
            LOG.info(() -> "the evaluator's choice of instrument was not remembered: " + e);
        }
    }

    /** The evaluator's pseudonym: how the audit trail and the remembered choice know them. */
    private String evaluator() {
        return pseudonyms.of(context.platformId(), context.deploymentId(), context.subject());
    }

    private static Optional<String> present(String parameter) {
        return parameter == null || parameter.isBlank() ? Optional.empty() : Optional.of(parameter.trim());
    }

    Suppression suppression() {
        // a minimum below the floor is refused by Suppression (and at start-up by EvaluationSettings)
        return new Suppression(minimumGroupSize);
    }

    private void record(Evaluation evaluation, String action, String outcome) {
        EvaluationReport report = evaluation.report();
        audit.record(context.platformId(), context.deploymentId(), evaluator(), action, "instrument " + report.instrument().id()
                + " version " + report.instrument().version() + " (content " + report.identity().shortHash() + "), scope " + evaluation.scope().kind()
                + evaluation.scope().contextId().map(c -> " (course " + c + ")").orElse("") + ": " + outcome);
    }

    private static String fileName(Evaluation evaluation, String extension) {
        return EvaluationPage.fileStem(evaluation.report().instrument(), evaluation.scope()) + "." + extension;
    }

    /** A page saying what was refused: title {@code key.title}, message {@code key.text} with these values, a way back. */
    private WebApplicationException problem(int status, String key, Object... values) {
        return new WebApplicationException(pages.message(status, Message.of(pages.text(key + ".title"), pages.text(key + ".text", values))
                .by(context.displayName()).alerting(null)
                .linking(Message.Link.to("/evaluate?s=" + context.token(), pages.text("evaluation.back")))));
    }
}
