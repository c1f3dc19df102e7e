package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.tandem.catalogue.control.PackJson;
import org.tandem.catalogue.entity.ContentPack;
import org.tandem.catalogue.entity.Instrument;
import org.tandem.catalogue.entity.InstrumentIdentity;

/**
 * Fills {@code published_instrument} (V11) from the packs stored before it existed, oldest import
 * first: the first pack to bring an instrument id and version names its content. In Java because
 * the content hash is the one the catalogue computes on import (the canonical JSON of the
 * instrument, which SQL cannot produce on H2 and PostgreSQL alike).
 * <p>
 * Where two stored packs already gave one id and version different contents, the later one is left
 * out and logged: its responses stay readable and evaluation keeps them apart by content hash
 * (see {@link InstrumentIdentity}), but no further pack may bring that content under that id and
 * version. A stored pack that cannot be read is logged and skipped; the catalogue reports it when
 * something asks for it.
 */
public class V12__register_instruments extends BaseJavaMigration {

    private static final Logger LOG = Logger.getLogger(V12__register_instruments.class.getName());

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        Map<String, String> first = new HashMap<>();
        try (Statement select = connection.createStatement();
             ResultSet packs = select.executeQuery("SELECT pack_id, version, content_json, imported_at FROM content_pack "
                     + "ORDER BY imported_at, pack_id, version");
             PreparedStatement insert = connection.prepareStatement("INSERT INTO published_instrument (instrument_id, version, "
                     + "content_hash, pack_id, pack_version, published_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            while (packs.next()) {
                String packId = packs.getString(1);
                int packVersion = packs.getInt(2);
                ContentPack pack;
                try {
                    pack = PackJson.fromJson(packs.getString(3));
                } catch (IllegalStateException e) {
                    LOG.severe(() -> "content pack " + packId + " version " + packVersion + " cannot be read; its instruments "
                            + "are not registered: " + e.getMessage());
                    continue;
                }
                for (Instrument instrument : pack.instruments()) {
                    InstrumentIdentity identity = PackJson.identity(instrument);
                    String registered = first.putIfAbsent(identity.id() + "\u0000" + identity.version(), identity.contentHash());
                    if (registered == null) {
                        insert.setString(1, identity.id());
                        insert.setInt(2, identity.version());
                        insert.setString(3, identity.contentHash());
                        insert.setString(4, packId);
                        insert.setInt(5, packVersion);
                        insert.setObject(6, packs.getObject(4, OffsetDateTime.class));
                        insert.executeUpdate();
                    } else if (!registered.equals(identity.contentHash())) {
                        LOG.warning(() -> "instrument " + identity.id() + " version " + identity.version() + " of content pack "
                                + packId + " version " + packVersion + " differs from the content an earlier pack published "
                                + "under that id and version; evaluation keeps their responses apart (content "
                                + identity.shortHash() + ")");
                    }
                }
            }
        }
    }
}
