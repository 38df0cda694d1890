"""Spreadsheets over real HTTP: stock, loans and occupancy exported as CSV and XLSX (the XLSX opened as the zip it
is and its cells read back), and stock imported from CSV with a column mapping, a dry run that lists every bad row,
and all or nothing."""
import csv
import datetime
import io
import unittest
import xml.etree.ElementTree as ET
import zipfile

from test_service import ApiTestCase

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def xlsx_rows(data):
    """The first worksheet's cells as a list of rows of strings and numbers."""
    z = zipfile.ZipFile(io.BytesIO(data))
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS):
            shared.append("".join(t.text or "" for t in si.iter("{%s}t" % NS["m"])))
    rows = []
    for row in ET.fromstring(z.read("xl/worksheets/sheet1.xml")).find("m:sheetData", NS).findall("m:row", NS):
        cells = []
        for c in row.findall("m:c", NS):
            col = 0
            for ch in c.get("r"):  # "G2": column G; empty cells are not written, so place by reference
                if ch.isalpha():
                    col = col * 26 + ord(ch) - ord("A") + 1
            cells.extend([""] * (col - 1 - len(cells)))
            v = c.find("m:v", NS)
            if c.get("t") == "s":
                cells.append(shared[int(v.text)])
            elif v is not None:
                cells.append(float(v.text))
            else:
                cells.append("")
        rows.append(cells)
    return rows


class SpreadsheetTests(ApiTestCase):
    @classmethod
    def build(cls):
        s = cls.srv
        cls.coord, _ = cls.new_hub("sheets", "sheetcoord")
        cls.intake, _ = s.member("sheets", "sheetintake", "intake")
        cls.member, cls.member_id = s.member("sheets", "sheetmember")

    def get_raw(self, path, token):
        r = self.srv.request("GET", path, token=token)
        self.assertEqual(r.status, 200, r)
        return r

    def get_bytes(self, path, token):
        import http.client
        conn = http.client.HTTPConnection("127.0.0.1", self.srv.port, timeout=30)
        conn.request("GET", path, headers={"Authorization": f"Bearer {token}"})
        r = conn.getresponse()
        body = r.read()
        conn.close()
        self.assertEqual(r.status, 200, body[:300])
        return r, body

    def import_csv(self, data, query="", content_type="text/csv", token=None):
        return self.srv.request("POST", f"/api/v1/hubs/sheets/stock/import{query}", raw=data,
                                headers={"Content-Type": content_type}, token=token or self.intake)

    def stock(self):
        return {i["name"]: i for i in self.walk("/api/v1/hubs/sheets/stock", self.member, limit=200)[0]}

    def test_stock_exports_as_csv_and_xlsx(self):
        self.ok("POST", "/api/v1/hubs/sheets/stock", {"name": "Lentils, 500 g", "category": "dry-food",
                                                      "unit": "bag", "quantity": 7, "best_before": "2031-05-01"},
                token=self.intake, status=201)
        self.ok("POST", "/api/v1/hubs/sheets/stock", {"name": "=HYPERLINK(\"x\")", "category": "misc",
                                                      "unit": "box", "quantity": 1}, token=self.intake, status=201)
        r = self.get_raw("/api/v1/hubs/sheets/stock/export", self.member)
        self.assertTrue(r.headers["content-type"].startswith("text/csv"))
        self.assertIn("stock.csv", r.headers["content-disposition"])
        rows = list(csv.DictReader(io.StringIO(r.body)))
        lentils = [x for x in rows if x["name"] == "Lentils, 500 g"][0]
        self.assertEqual((lentils["quantity"], lentils["unit"], lentils["best_before"]), ("7", "bag", "2031-05-01"))
        self.assertIn("'=HYPERLINK(\"x\")", [x["name"] for x in rows])  # never a formula
        resp, data = self.get_bytes("/api/v1/hubs/sheets/stock/export?format=xlsx", self.member)
        self.assertEqual(resp.getheader("content-type"),
                         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        sheet = xlsx_rows(data)
        self.assertEqual(sheet[0][:5], ["id", "name", "category", "unit", "quantity"])
        xrow = [x for x in sheet[1:] if x[1] == "Lentils, 500 g"][0]
        self.assertEqual(xrow[4], 7.0)  # a number, not text
        self.assertEqual(xrow[6], "2031-05-01")
        self.assertProblem(self.req("GET", "/api/v1/hubs/sheets/stock/export?format=ods", token=self.member), 422,
                           field="format")

    def test_loans_and_occupancy_export(self):
        thing = self.ok("POST", "/api/v1/hubs/sheets/things", {"name": "Tent", "category": "camping"},
                        token=self.intake, status=201)["id"]
        now = datetime.datetime.now(datetime.timezone.utc)
        w = {"start": (now + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ"),
             "end": (now + datetime.timedelta(hours=30)).strftime("%Y-%m-%dT%H:%M:%SZ")}
        mine = self.ok("POST", f"/api/v1/things/{thing}/reservations", w, token=self.member, status=201)["id"]
        rows = list(csv.DictReader(io.StringIO(self.get_raw("/api/v1/hubs/sheets/loans/export", self.intake).body)))
        self.assertIn(mine, [x["id"] for x in rows])
        self.assertEqual([x["status"] for x in rows if x["id"] == mine], ["reserved"])
        rows = list(csv.DictReader(io.StringIO(self.get_raw("/api/v1/hubs/sheets/loans/export", self.coord).body)))
        self.assertIn(mine, [x["id"] for x in rows])
        pool = self.ok("POST", "/api/v1/hubs/sheets/capacity", {"name": "Beds", "category": "shelter",
                                                                 "unit": "bed"}, token=self.intake, status=201)["id"]
        today = now.date().isoformat()
        self.ok("PUT", f"/api/v1/capacity/{pool}/slots", {"date": today, "slot": "night", "capacity": 8},
                token=self.intake, status=200)
        rows = list(csv.DictReader(io.StringIO(self.get_raw(
            f"/api/v1/hubs/sheets/occupancy/export?capacity={pool}", self.member).body)))
        self.assertEqual([(x["date"], x["slot"], x["name"], x["capacity"], x["free"]) for x in rows],
                         [(today, "night", "Beds", "8", "8")])
        _, data = self.get_bytes(f"/api/v1/hubs/sheets/occupancy/export?capacity={pool}&format=xlsx", self.member)
        self.assertEqual(xlsx_rows(data)[1][5:], [8.0, 0.0, 8.0])

    def test_import_dry_run_then_apply(self):
        self.ok("POST", "/api/v1/hubs/sheets/stock", {"name": "Pasta", "category": "dry-food", "unit": "bag",
                                                      "quantity": 2}, token=self.intake, status=201)
        data = ("Item,Kind,Unit,Qty,Donor\r\n"
                "Pasta,dry-food,bag,10,bakery\r\n"
                "\"Tomatoes, tinned\",dry-food,tin,24,\r\n").encode()
        q = "?name=Item&category=Kind&unit=Unit&quantity=Qty"
        before = self.stock()
        r = self.import_csv(data, q + "&dry_run=true")
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["errors"], [])
        self.assertEqual([(a["name"], a["before"], a["after"]) for a in r.json["adds"]], [("Pasta", 2, 12)])
        self.assertEqual([(c["line"], c["name"], c["quantity"]) for c in r.json["creates"]],
                         [(3, "Tomatoes, tinned", 24)])
        self.assertEqual(r.json["ignored_columns"], ["Donor"])
        self.assertEqual(self.stock(), before)  # a dry run saves nothing
        r = self.import_csv(data, q)
        self.assertEqual(r.status, 201, r)
        self.assertTrue(r.json["applied"])
        after = self.stock()
        self.assertEqual(after["Pasta"]["quantity"], 12)
        self.assertEqual(after["Tomatoes, tinned"]["quantity"], 24)

    def test_bad_files_name_every_row_and_save_nothing(self):
        before = self.stock()
        data = ("name,category,unit,quantity\n"
                "Flour,dry-food,kg,5\n"
                "Sugar,dry-food,kg,-2\n"
                "Salt,dry-food,kg,lots\n").encode() + b"Caf\xe9,dry-food,kg,1\n"
        r = self.import_csv(data, "?dry_run=true")
        self.assertEqual(r.status, 200, r)
        self.assertEqual([(e["line"], e["field"]) for e in r.json["errors"]],
                         [(3, "quantity"), (4, "quantity"), (5, "name")])
        self.assertIn("UTF-8", r.json["errors"][2]["detail"])
        r = self.import_csv(data)
        self.assertProblem(r, 422, field="lines[3].quantity")
        fields = [e["field"] for e in r.json["errors"]]
        self.assertEqual(fields, ["lines[3].quantity", "lines[4].quantity", "lines[5].name"])
        self.assertEqual(self.stock(), before)  # Flour (a good row) was not saved either
        # A missing column is named on line 1.
        r = self.import_csv(b"name,unit\nFlour,kg\n", "?dry_run=true")
        self.assertEqual([(e["line"], e["field"]) for e in r.json["errors"]], [(1, "category"), (1, "quantity")])
        self.assertProblem(self.import_csv(b"name,unit\nFlour,kg\n"), 422, field="lines[1].category")
        # Wrong mapping, wrong content type, broken quoting, empty file.
        self.assertProblem(self.import_csv(data, "?colour=x"), 422, field="colour")
        self.assertProblem(self.import_csv(data, content_type="application/json"), 422, field="Content-Type")
        self.assertProblem(self.import_csv(b"name,\"open\n"), 422)
        self.assertProblem(self.import_csv(b""), 422, field="csv")
        self.assertProblem(self.import_csv(data, token=self.member), 403)
        self.assertEqual(self.stock(), before)


if __name__ == "__main__":
    unittest.main()
