package io.smsgate.simulator.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsgate.simulator.load.LoadResult;
import io.smsgate.simulator.load.LoadStatistics;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ReportsTest {
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;

    /** Five seconds of traffic at 100/s with latency growing each second, receipts for all but one message. */
    private static LoadResult fiveSeconds() {
        LoadStatistics statistics = new LoadStatistics(Instant.parse("2026-11-21T10:00:00Z"), 0);
        for (int second = 0; second < 5; second++) {
            for (int i = 0; i < 100; i++) {
                long intended = second * SECOND + i * 10 * MS;
                statistics.submitted();
                statistics.responded(i == 0 ? 0x58 : 0, intended, intended + (second + 1) * MS);
                if (i != 0) {
                    String id = second + "-" + i;
                    statistics.awaitReceipt(id, intended);
                    if (!(second == 4 && i == 99)) {
                        statistics.receipt(id, true, intended + 100 * MS);
                    }
                }
            }
            statistics.tick((second + 1) * SECOND);
        }
        return statistics.finish(5 * SECOND, "five seconds <of> \"load\" & more");
    }

    private static Document parseXml(String html) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setExpandEntityReferences(false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        return builder.parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void htmlReportIsWellFormedAndCarriesEverySeriesPointByPoint() throws Exception {
        String html = HtmlReport.render(fiveSeconds());
        Document document = parseXml(html);

        NodeList polylines = document.getElementsByTagNameNS("http://www.w3.org/2000/svg", "polyline");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < polylines.getLength(); i++) {
            Element line = (Element) polylines.item(i);
            names.add(line.getAttribute("data-series"));
            assertThat(line.getAttribute("points").split(" ")).hasSize(5);
        }
        assertThat(names).containsExactly("submitted", "accepted", "final receipts",
                "p50", "p99", "p99.9", "max", "p50", "p99", "p99.9", "max");
        assertThat(document.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg").getLength()).isEqualTo(3);
        assertThat(document.getElementsByTagName("title").item(0).getTextContent())
                .isEqualTo("smsgate load report: five seconds <of> \"load\" & more");
    }

    @Test
    void htmlReportIsSelfContained() {
        String html = HtmlReport.render(fiveSeconds());
        assertThat(html).doesNotContain("<script src", "<link", "src=\"http", "href=\"http", "@import", "url(");
    }

    @Test
    void htmlReportFlagsLostMessages() throws Exception {
        Document document = parseXml(HtmlReport.render(fiveSeconds()));
        NodeList cells = document.getElementsByTagName("td");
        List<String> flagged = new ArrayList<>();
        for (int i = 0; i < cells.getLength(); i++) {
            Element cell = (Element) cells.item(i);
            if (cell.getAttribute("class").equals("bad")) {
                flagged.add(((Element) cell.getParentNode()).getElementsByTagName("td").item(0).getTextContent()
                        + "=" + cell.getTextContent());
            }
        }
        assertThat(flagged).containsExactly("lost (no final receipt)=1");
    }

    @Test
    void jsonResultRoundTrips() {
        LoadResult result = fiveSeconds();
        String json = JsonReport.toJson(result);
        assertThat(json).contains("\"accepted-per-second\"", "\"submit-response\"", "\"series\"");
        assertThat(JsonReport.fromJson(json, LoadResult.class)).isEqualTo(result);
    }

    @Test
    void summaryTableShowsCountsStatusesAndPercentiles() {
        String table = SummaryTable.render(fiveSeconds());
        assertThat(table).contains("submitted                    500")
                .contains("status 0x00000058 ESME_RTHROTTLED 5")
                .contains("lost (no final receipt)      1")
                .contains("submit -> submit_sm_resp")
                .contains("submit -> final receipt");
    }
}
