// Run by the slimkws kernel at start (JJAVA_STARTUP_SCRIPTS_PATH).
// Shows any io.slimkws.report.Displayable (tables, figures) as its MIME bundle, so a cell that
// ends in a table or plot displays it; the library itself never depends on kernel classes.
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

// The shared preamble of every notebook: the library's packages, Tablesaw's tables and the Java
// collections and files, so that no notebook repeats an import cell.
import io.slimkws.audio.*;
import io.slimkws.data.*;
import io.slimkws.env.*;
import io.slimkws.model.*;
import io.slimkws.prox.*;
import io.slimkws.train.*;
import io.slimkws.theory.*;
import io.slimkws.report.*;
import io.slimkws.paper.*;
import io.slimkws.study.*;
import io.slimkws.stream.*;
import tech.tablesaw.api.*;
import java.util.*;
import java.nio.file.*;

io.slimkws.env.Nd4jSetup.init();
// A kernel whose runner was killed (SIGKILL) must not train on as an orphan.
io.slimkws.env.OrphanGuard.exitWhenParentDies();

kernel().getRenderer()
    .createRegistration(io.slimkws.report.Displayable.class)
    .preferring("application/vnd.plotly.v1+json", "image/svg+xml", "text/html", "text/markdown", "text/plain")
    .supporting("application/vnd.plotly.v1+json", "image/svg+xml", "text/html", "text/markdown", "text/plain")
    .register((obj, ctx) -> obj.mimeBundle().forEach((mime, data) -> ctx.getOutputContainer().putData(mime, data)));
