package org.tandem.admin.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import org.tandem.catalogue.control.Catalogue;
import org.tandem.catalogue.control.PackReader;
import org.tandem.catalogue.control.PackRejected;
import org.tandem.catalogue.entity.ContentPack;
import org.tandem.catalogue.entity.ImportResult;
import org.tandem.catalogue.entity.PackProblem;
import org.tandem.catalogue.entity.PackSource;
import org.tandem.lti.registration.boundary.AdminApi;

/**
 * Content packs for administrators: upload a pack (a zip of the pack folder, or a single-file
 * pack in YAML or JSON) and list what is published. A pack with any problem is refused whole and
 * every problem is listed; nothing is stored.
 */
@Path("admin/api/content-packs")
@RequestScoped
@AdminApi
@Produces(MediaType.APPLICATION_JSON)
public class ContentPackResource {

    private static final Logger LOG = Logger.getLogger(ContentPackResource.class.getName());

    private static final String UPLOAD = "(upload)";

    @Inject
    PackReader reader;

    @Inject
    Catalogue catalogue;

    @Context
    HttpHeaders headers;

    @GET
    @Transactional
    public Response list() {
        JsonArrayBuilder packs = Json.createArrayBuilder();
        for (ContentPack pack : catalogue.latestPacks()) {
            JsonArrayBuilder versions = Json.createArrayBuilder();
            catalogue.versions(pack.id()).forEach(versions::add);
            packs.add(Json.createObjectBuilder()
                    .add("pack_id", pack.id())
                    .add("version", pack.version())
                    .add("title", pack.title())
                    .add("modules", pack.modules().size())
                    .add("scenarios", pack.scenarios().size())
                    .add("instruments", pack.instruments().size())
                    .add("versions", versions));
        }
        return Response.ok(packs.build()).build();
    }

    /**
     * Content-Type decides how the body is read: {@code application/zip} for a pack folder,
     * {@code application/x-yaml} / {@code text/yaml} or {@code application/json} for a single-file pack.
     */
    @POST
    @Transactional
    public Response upload(InputStream body) {
        Format format = Format.of(headers.getMediaType());
        if (format == null) {
            return problems(415, List.of(new PackProblem(UPLOAD, "$", "send the pack as application/zip (a zip of the pack folder), "
                    + "application/x-yaml or application/json (a single-file pack), not " + headers.getMediaType())));
        }
        byte[] bytes;
        try {
            bytes = body.readNBytes(PackReader.MAX_ZIP_BYTES + 1);
        } catch (IOException e) {
            return problems(400, List.of(new PackProblem(UPLOAD, "$", "the upload could not be read: " + e.getMessage())));
        }
        if (bytes.length > PackReader.MAX_ZIP_BYTES) {
            return problems(413, List.of(new PackProblem(UPLOAD, "$", "a content pack upload is at most "
                    + PackReader.MAX_ZIP_BYTES / (1024 * 1024) + " MB")));
        }
        try {
            ContentPack pack = switch (format) {
                case ZIP -> reader.readZip(bytes);
                case YAML -> reader.readFile("pack.yaml", bytes);
                case JSON -> reader.readFile("pack.json", bytes);
            };
            ImportResult result = catalogue.importPack(pack, PackSource.UPLOAD);
            String outcome = result.outcome().name().toLowerCase(Locale.ROOT);
            LOG.info(() -> "AUDIT content pack " + result.packId() + " version " + result.version() + " uploaded by admin API: " + outcome);
            return Response.status(result.outcome() == ImportResult.Outcome.STORED ? 201 : 200)
                    .entity(Json.createObjectBuilder()
                            .add("pack_id", result.packId())
                            .add("version", result.version())
                            .add("outcome", outcome)
                            .build())
                    .build();
        } catch (PackRejected e) {
            LOG.info(() -> "AUDIT content pack upload rejected by admin API with " + e.problems().size() + " problem(s)");
            return problems(422, e.problems());
        }
    }

    private enum Format {
        ZIP, YAML, JSON;

        static Format of(MediaType type) {
            if (type == null) {
                return null;
            }
            return switch ((type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT)) {
                case "application/zip", "application/x-zip-compressed" -> ZIP;
                case "application/x-yaml", "application/yaml", "text/yaml", "text/x-yaml" -> YAML;
                case "application/json" -> JSON;
                default -> null;
            };
        }
    }

    private static Response problems(int status, List<PackProblem> problems) {
        JsonArrayBuilder errors = Json.createArrayBuilder();
        problems.forEach(p -> errors.add(Json.createObjectBuilder()
                .add("file", p.file())
                .add("path", p.path())
                .add("message", p.message())));
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Json.createObjectBuilder().add("errors", errors).build()).build();
    }
}
