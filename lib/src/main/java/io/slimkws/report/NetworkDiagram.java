package io.slimkws.report;

import io.slimkws.files.AtomicFiles;
import io.slimkws.model.Architecture;
import io.slimkws.model.ChannelMask;
import io.slimkws.model.KwsCnn;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keyword CNN drawn by code as SVG (Fig. 1), and with the masking layer of Fig. 5 in red when a
 * {@link ChannelMask} is given: one box per layer, sized by its feature map, labelled in the
 * paper's notation (e.g. 20x8_c1_64_s1).
 */
public final class NetworkDiagram implements Displayable {
    private final String svg;

    private NetworkDiagram(String svg) {
        this.svg = svg;
    }

    public static NetworkDiagram of(ChannelMask mask) {
        record Box(String title, String detail, String shape, String fill) {}
        List<Box> boxes = new ArrayList<>();
        Architecture a = KwsCnn.ARCH;
        int c1 = a.conv1().out();
        int c2 = a.conv2().out();
        String pooled = a.pooledFrames() + " x " + a.pooledCoeffs() + " x ";
        boxes.add(new Box("input", "MFCC", a.frames() + " x " + a.coeffs() + " x 1", "#e8eef7"));
        boxes.add(
                new Box(
                        a.conv1().name(),
                        a.conv1().kernel() + "_c1_" + c1 + "_s1, ReLU",
                        a.frames() + " x " + a.coeffs() + " x " + c1,
                        "#cfe0f5"));
        boxes.add(
                new Box(
                        "max-pool",
                        a.pool() + "x" + a.pool() + ", stride " + a.pool(),
                        pooled + c1,
                        "#dfeadf"));
        if (mask != null) {
            boxes.add(
                    new Box(
                            "masking layer",
                            mask.keptCount() + " of " + c1 + " channels kept",
                            pooled + mask.keptCount(),
                            "#f4b6b6"));
        }
        boxes.add(
                new Box(
                        a.conv2().name(),
                        a.conv2().kernel()
                                + "_c"
                                + (mask == null ? c1 : mask.keptCount())
                                + "_"
                                + c2
                                + "_s1, ReLU",
                        pooled + c2,
                        "#cfe0f5"));
        boxes.add(
                new Box(
                        "fully connected",
                        String.format("%,d -> %d", a.fcInputs(), a.classes()),
                        String.valueOf(a.classes()),
                        "#f5e6c8"));
        boxes.add(
                new Box(
                        "softmax",
                        a.classes() + " classes",
                        String.valueOf(a.classes()),
                        "#eeeeee"));
        int w = 150;
        int gap = 28;
        int width = boxes.size() * (w + gap) + 20;
        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(width)
                .append("\" height=\"170\" font-family=\"sans-serif\" font-size=\"12\">");
        b.append(
                "<defs><marker id=\"arrow\" markerWidth=\"8\" markerHeight=\"8\" refX=\"7\""
                        + " refY=\"4\" orient=\"auto\"><path d=\"M0,0 L8,4 L0,8 z\""
                        + " fill=\"#555\"/></marker></defs>");
        for (int i = 0; i < boxes.size(); i++) {
            Box x = boxes.get(i);
            int left = 10 + i * (w + gap);
            String stroke = x.title().equals("masking layer") ? "#c00000" : "#556";
            b.append(
                    String.format(
                            "<rect x=\"%d\" y=\"30\" width=\"%d\" height=\"100\" rx=\"8\""
                                    + " fill=\"%s\" stroke=\"%s\" stroke-width=\"%s\"/>",
                            left,
                            w,
                            x.fill(),
                            stroke,
                            x.title().equals("masking layer") ? "3" : "1.2"));
            b.append(text(left + w / 2, 60, x.title(), true));
            b.append(text(left + w / 2, 82, x.detail(), false));
            b.append(text(left + w / 2, 104, x.shape(), false));
            if (i + 1 < boxes.size()) {
                b.append(
                        String.format(
                                "<line x1=\"%d\" y1=\"80\" x2=\"%d\" y2=\"80\" stroke=\"#555\""
                                        + " stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/>",
                                left + w, left + w + gap - 2));
            }
        }
        b.append(
                text(
                        width / 2,
                        18,
                        mask == null
                                ? "Keyword CNN (Fig. 1)"
                                : "Keyword CNN with pruned channels masked out (Fig. 5)",
                        true));
        b.append("</svg>");
        return new NetworkDiagram(b.toString());
    }

    private static String text(int x, int y, String s, boolean bold) {
        return String.format(
                "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\"%s>%s</text>",
                x, y, bold ? " font-weight=\"bold\"" : "", Html.escape(s));
    }

    public String svg() {
        return svg;
    }

    public Path write(Path file) {
        return AtomicFiles.write(file, svg);
    }

    @Override
    public Map<String, Object> mimeBundle() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("image/svg+xml", svg);
        m.put("text/plain", "network diagram");
        return m;
    }
}
