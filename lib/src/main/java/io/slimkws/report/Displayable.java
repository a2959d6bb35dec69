package io.slimkws.report;

import java.util.Map;

/**
 * Something a notebook can show: a MIME bundle (type to content), as Jupyter's display_data.
 *
 * <p>The library stays free of any kernel classes; the slimkws kernel's startup script registers
 * one renderer for this interface, so a cell that ends in a figure or table shows it. Values are
 * strings, except for {@code +json} types, whose values are maps and lists.
 */
public interface Displayable {
    Map<String, Object> mimeBundle();
}
