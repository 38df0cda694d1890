"""Empty-slot alerts and qualifications over real HTTP: a short slot that states a qualification is offered only
to members who hold it (a skill on their active offer, or confirmed at an earlier sign-up to such a slot); a slot
without one still reaches every member free then."""
import datetime
import re
import unittest

from test_service import ApiTestCase, offer_body


class QualifiedAlertTests(ApiTestCase):
    @classmethod
    def build(cls):
        s = cls.srv
        cls.coord, _ = cls.new_hub("clinic", "cliniccoord")
        cls.ana, _ = s.member("clinic", "clinicana")
        cls.bo, _ = s.member("clinic", "clinicbo")
        cls.cy, _ = s.member("clinic", "cliniccy")
        r = s.request("POST", "/api/v1/hubs/clinic/offers",
                      offer_body("medical", skills=["First Aid certificate"]), token=cls.bo)
        assert r.status == 201, r
        now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)

        def create(name, start, slots):
            body = {"name": name, "place": "Square", "dtstart": start.strftime("%Y%m%dT%H%M%S"),
                    "duration_minutes": 60, "slots": slots}
            r = s.request("POST", "/api/v1/hubs/clinic/shifts", body, token=cls.coord)
            assert r.status == 201, r
            return r.json

        medic = {"role": "medic", "qualification": "first aid certificate", "min_people": 1, "max_people": 1}
        # Cy confirms holding it by taking the medic's place on a desk a week away (beyond the alerts' 48 hours).
        later = now + datetime.timedelta(days=7)
        desk = create("Desk", later, [dict(medic, min_people=0)])
        r = s.request("POST", f"/api/v1/shifts/{desk['id']}/occurrences/{later.strftime('%Y%m%dT%H%M%S')}/signups",
                      {"role": "medic", "qualified": True}, token=cls.cy)
        assert r.status == 201, r
        create("Street clinic", now + datetime.timedelta(hours=30),
               [{"role": "helper", "min_people": 1, "max_people": 2}, medic])
        out = s.cli("notify", "sweep", "--db", s.db).stdout
        cls.queued = int(re.search(r"queued (\d+)", out).group(1))

    def alerts(self, token):
        inbox = self.walk("/api/v1/me/notifications", token, limit=50)[0]
        return [m["body"] for m in inbox if m["kind"] == "shift.empty_slots"]

    def test_a_qualified_slot_reaches_only_those_who_hold_it(self):
        self.assertEqual(self.queued, 4)  # one alert each to the coordinator, Ana, Bo and Cy
        for token in (self.coord, self.ana):
            [body] = self.alerts(token)
            self.assertIn("still needs 1 helper.", body)
            self.assertNotIn("medic", body)
        for token in (self.bo, self.cy):
            [body] = self.alerts(token)
            self.assertIn("still needs 1 helper, 1 medic (first aid certificate).", body)


if __name__ == "__main__":
    unittest.main()
