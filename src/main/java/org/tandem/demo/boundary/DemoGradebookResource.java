package org.tandem.demo.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.logging.Logger;
import org.tandem.demo.control.DemoAvailability;
import org.tandem.demo.control.DemoGradebook;
import org.tandem.demo.control.DemoPlatform;
import org.tandem.demo.control.DemoServiceLog;
import org.tandem.demo.entity.DemoLineItem;
import org.tandem.demo.entity.DemoResult;
import org.tandem.demo.entity.PostedScore;
import org.tandem.lti.ToolUrls;
import org.tandem.lti.web.Page;

/**
 * The demo course's gradebook, where a person watches Tandem's scores arrive: a column per line
 * item, a row per learner, the latest score in each cell; the last service requests Tandem made;
 * and a switch that makes the "LMS" unavailable, to watch Tandem keep scores and catch up.
 */
@Path("demo/gradebook")
@RequestScoped
public class DemoGradebookResource {

    private static final Logger LOG = Logger.getLogger(DemoGradebookResource.class.getName());
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm:ss 'UTC'", Locale.UK)
            .withZone(ZoneOffset.UTC);

    @Inject
    DemoPlatform demo;

    @Inject
    DemoGradebook gradebook;

    @Inject
    DemoAvailability availability;

    @Inject
    DemoServiceLog log;

    @Inject
    ToolUrls urls;

    @Context
    UriInfo uriInfo;

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public Response page() {
        if (!demo.enabled()) {
            return DemoForms.off();
        }
        DemoGradebook.Sheet sheet = gradebook.sheet();
        boolean down = availability.unavailable();
        StringBuilder html = new StringBuilder();
        html.append("<p><a href=\"/demo\">Back to the demo course</a> · <a href=\"/demo/gradebook\">Refresh</a></p>");
        html.append(switchSection(down));
        html.append("<h2 id=\"grades\">Grades</h2>");
        html.append("<p id=\"scores-received\">").append(sheet.scoresReceived())
                .append(sheet.scoresReceived() == 1 ? " score has" : " scores have").append(" arrived from Tandem.</p>");
        if (sheet.columns().isEmpty()) {
            html.append("<p id=\"no-columns\">No gradebook columns yet. They appear when the trainer adds activities with deep ")
                    .append("linking, or when Tandem creates one for a course link through the line items service.</p>");
        } else {
            html.append(table(sheet));
        }
        html.append(requests());
        return Page.titled("Demo gradebook").html("<p class=\"muted\">Tandem demo platform – a stand-in for Moodle or Canvas</p>")
                .heading("Gradebook: " + DemoPlatform.COURSE_TITLE).html(html.toString()).response(200);
    }

    private String switchSection(boolean down) {
        String since = availability.since().map(t -> " since " + TIME.format(t)).orElse("");
        return "<h2 id=\"availability\">LMS services</h2><p id=\"lms-status\" role=\"status\">"
                + (down ? "<strong>Unavailable" + Page.text(since) + "</strong>: the token, grade (AGS) and roster (NRPS) "
                        + "services answer 503. Tandem keeps the scores and tries again; they arrive once the LMS is back."
                        : "Available" + Page.text(since) + ": Tandem's scores arrive as learners finish.")
                + "</p><form method=\"post\" action=\"/demo/gradebook/availability\" id=\"availability-form\">"
                + DemoForms.tokenField(demo)
                + "<input type=\"hidden\" name=\"unavailable\" value=\"" + !down + "\">"
                + "<p><button type=\"submit\" id=\"availability-switch\">"
                + (down ? "Make the LMS available again" : "Make the LMS unavailable") + "</button></p></form>";
    }

    private String table(DemoGradebook.Sheet sheet) {
        StringBuilder t = new StringBuilder("<div class=\"table-scroll\"><table id=\"gradebook\"><caption>Latest score of each "
                + "learner per gradebook column (only a FullyGraded score shows a grade, as in Moodle)</caption><thead><tr>"
                + "<th scope=\"col\">Learner</th>");
        for (DemoLineItem column : sheet.columns()) {
            t.append("<th scope=\"col\" id=\"column-").append(column.id()).append("\">").append(Page.text(column.label()))
                    .append("<br><span class=\"muted\">out of ").append(number(column.scoreMaximum())).append("</span></th>");
        }
        t.append("</tr></thead><tbody>");
        for (DemoGradebook.Row row : sheet.rows()) {
            t.append("<tr><th scope=\"row\">").append(Page.text(row.name())).append("<br><span class=\"muted\">")
                    .append(Page.text(row.description())).append("</span></th>");
            for (DemoLineItem column : sheet.columns()) {
                t.append("<td id=\"cell-").append(column.id()).append("-").append(Page.attr(row.userId())).append("\">")
                        .append(sheet.cell(column, row).map(this::cell).orElse("<span class=\"muted\">No score</span>"))
                        .append("</td>");
            }
            t.append("</tr>");
        }
        return t.append("</tbody></table></div>").toString();
    }

    private String cell(DemoResult result) {
        PostedScore latest = result.latest();
        String grade = latest.kept()
                .map(given -> "<strong>" + number(given) + " / " + number(latest.scoreMaximum().orElseThrow()) + "</strong>")
                .orElse("<span class=\"muted\">no grade</span>");
        return grade + "<br>" + Page.text(latest.activityProgress() + ", " + latest.gradingProgress()) + "<br><span class=\"muted\">"
                + Page.text(TIME.format(latest.timestamp())) + " · " + result.scoresReceived()
                + (result.scoresReceived() == 1 ? " score" : " scores") + " received</span>";
    }

    private String requests() {
        StringBuilder t = new StringBuilder("<h2 id=\"requests\">Recent requests from Tandem</h2>");
        if (log.recent().isEmpty()) {
            return t.append("<p>None since this instance started.</p>").toString();
        }
        t.append("<div class=\"table-scroll\"><table id=\"service-log\"><caption>The last ").append(log.recent().size())
                .append(" calls to the token, AGS and NRPS services, newest first</caption><thead><tr><th scope=\"col\">When</th>")
                .append("<th scope=\"col\">Request</th><th scope=\"col\">Answer</th><th scope=\"col\">Note</th></tr></thead><tbody>");
        for (DemoServiceLog.Entry e : log.recent()) {
            t.append("<tr><td>").append(Page.text(TIME.format(e.at()))).append("</td><td><code>").append(Page.text(e.method()))
                    .append(' ').append(Page.text(e.path())).append("</code></td><td>").append(e.status()).append("</td><td>")
                    .append(Page.text(e.note())).append("</td></tr>");
        }
        return t.append("</tbody></table></div>").toString();
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.UK, "%.2f", value);
    }

    /** The availability switch; a form of the gradebook page only (form token, origin). */
    @POST
    @Path("availability")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public Response availability(@HeaderParam("Origin") String origin, @FormParam("form_token") String formToken,
                                 @FormParam("unavailable") String unavailable) {
        if (!demo.enabled()) {
            return DemoForms.off();
        }
        URI base = urls.base(uriInfo);
        if (!DemoForms.fromDemoPage(demo, base, origin, formToken)) {
            LOG.warning(() -> "demo availability switch refused: origin " + origin + " or a missing form token");
            return DemoForms.refused("/demo/gradebook");
        }
        boolean down = Boolean.parseBoolean(unavailable);
        availability.unavailable(down);
        LOG.info(() -> "demo LMS services switched " + (down ? "off (answering 503)" : "on again"));
        return Response.seeOther(UriBuilder.fromUri(base).path("demo/gradebook").fragment("availability").build())
                .header("Cache-Control", "no-store").build();
    }
}
