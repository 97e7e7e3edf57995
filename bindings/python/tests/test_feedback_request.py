"""Requests for feedback: ask, answer, decline, expire, repeat and list,
through Session."""

from __future__ import annotations

import dataclasses
import datetime as dt
import unittest

import perfmgmt
from feedback_support import MON, D, FeedbackTestCase
from perfmgmt import FeedbackKind, RequestFilter, RequestRole, RequestState

PRAISE = FeedbackKind.PRAISE
DAY = dt.timedelta(days=1)


class RequestTestCase(FeedbackTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.me = self.session(self.ada)
        self.eve_s = self.session(self.eve)
        self.fay_s = self.session(self.fay)


class CreateTest(RequestTestCase):
    def test_create_and_get_reads_every_field(self) -> None:
        goal = self.me.create_goal(self.ada, "Ship it", D(2025, 6, 30))
        rid = self.me.request_feedback([self.eve, self.fay], "My talk at the meetup",
                                       goal=goal, due=D(2025, 3, 14))  # fmt: skip
        r = self.me.get_request(rid)
        self.assertIsInstance(r, perfmgmt.FeedbackRequest)
        self.assertEqual((r.id, r.requester, r.subject), (rid, self.ada, self.ada))
        self.assertEqual((r.topic, r.goal, r.due), ("My talk at the meetup", goal, D(2025, 3, 14)))
        self.assertEqual(r.expires, MON + 90 * DAY)
        self.assertEqual((r.repeat_days, r.previous), (None, None))
        self.assertEqual(r.created_at, self.now())
        self.assertEqual(
            r.parts,
            (
                perfmgmt.RequestPart(self.eve, RequestState.REQUESTED, None, None),
                perfmgmt.RequestPart(self.fay, RequestState.REQUESTED, None, None),
            ),
        )
        with self.assertRaises(dataclasses.FrozenInstanceError):
            r.topic = "x"  # type: ignore[misc]

    def test_defaults_due_on_the_expiry_date(self) -> None:
        r = self.me.get_request(self.me.request_feedback((self.eve,), "x", expires_days=10))
        self.assertEqual((r.due, r.expires), (MON + 10 * DAY, MON + 10 * DAY))

    def test_a_manager_asks_about_a_report_and_a_peer_may_not(self) -> None:
        boss = self.session(self.bo)
        rid = boss.request_feedback([self.eve], "Ada's onboarding", subject=self.ada)
        r = self.eve_s.get_request(rid)
        self.assertEqual((r.requester, r.subject), (self.bo, self.ada))
        self.assertError(perfmgmt.PermissionDenied,
                         lambda: self.eve_s.request_feedback([self.fay], "x", subject=self.ada))  # fmt: skip

    def test_refusals_carry_the_library_message(self) -> None:
        me = self.me
        self.assertError(perfmgmt.InvalidArgument, lambda: me.request_feedback([], "x"), "addressees")
        self.assertError(perfmgmt.InvalidArgument, lambda: me.request_feedback([self.ada], "x"), "addressees")
        self.assertError(perfmgmt.InvalidArgument,
                         lambda: me.request_feedback([self.eve, self.eve], "x"), "addressees")  # fmt: skip
        self.assertError(perfmgmt.InvalidArgument, lambda: me.request_feedback([self.eve], " "),
                         "feedback_request.topic")  # fmt: skip
        self.assertError(perfmgmt.InvalidArgument,
                         lambda: me.request_feedback([self.eve], "x", due=MON - DAY), "feedback_request.due")  # fmt: skip
        self.assertError(perfmgmt.InvalidArgument,
                         lambda: me.request_feedback([self.eve], "x", expires_days=0), "expires")  # fmt: skip
        self.assertError(perfmgmt.InvalidArgument,
                         lambda: me.request_feedback([self.eve], "x", repeat_days=3), "repeat")  # fmt: skip
        self.assertError(perfmgmt.NotFound, lambda: me.request_feedback([4242], "x"), "4242")
        self.assertError(perfmgmt.PermissionDenied, lambda: self.sys.request_feedback([self.eve], "x"))
        self.assertEqual(list(self.sys.requests(self.ada, RequestRole.ASKED_BY)), [])

    def test_wrong_python_types_raise_type_error(self) -> None:
        me = self.me
        for call in (
            lambda: me.request_feedback(self.eve, "x"),  # type: ignore[arg-type]
            lambda: me.request_feedback("12", "x"),  # type: ignore[arg-type]
            lambda: me.request_feedback([str(self.eve)], "x"),  # type: ignore[list-item]
            lambda: me.request_feedback([self.eve], None),  # type: ignore[arg-type]
            lambda: me.request_feedback([self.eve], "x", due=dt.datetime(2025, 4, 1)),  # type: ignore[arg-type]
            lambda: me.request_feedback([self.eve], "x", repeat_days=7.0),  # type: ignore[arg-type]
            lambda: me.get_request("1"),  # type: ignore[arg-type]
            lambda: me.requests(self.ada, 1.0),  # type: ignore[arg-type]
            lambda: me.requests(self.ada, RequestRole.ABOUT, RequestState.SUBMITTED),  # type: ignore[arg-type]
            lambda: me.renew_requests(dt.datetime(2025, 1, 1)),  # type: ignore[arg-type]
        ):
            with self.assertRaises(TypeError):
                call()

    def test_closed_session_raises_misuse(self) -> None:
        s = self.db.session(self.ada)
        rid = s.request_feedback([self.eve], "x")
        s.close()
        self.assertMisuse(lambda: s.request_feedback([self.eve], "x"))
        self.assertMisuse(lambda: s.get_request(rid))
        self.assertMisuse(lambda: s.decline_request(rid))
        self.assertMisuse(lambda: s.respond_to_request(rid, PRAISE, "x"))
        self.assertMisuse(lambda: s.renew_requests())
        self.assertMisuse(lambda: s.requests(self.ada, RequestRole.ASKED_BY))


class AnswerTest(RequestTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.rid = self.me.request_feedback([self.eve, self.fay], "My talk")

    def test_respond_links_the_feedback_and_names_its_giver(self) -> None:
        self.today = MON + 2 * DAY
        fid = self.eve_s.respond_to_request(self.rid, PRAISE, "Clear slides", impact="I learnt a lot")
        f = self.me.get_feedback(fid)
        self.assertEqual((f.giver, f.receiver, f.request, f.impact), (self.eve, self.ada, self.rid, "I learnt a lot"))
        eve_part, fay_part = self.me.get_request(self.rid).parts
        self.assertEqual(eve_part, perfmgmt.RequestPart(self.eve, RequestState.SUBMITTED, self.now(), fid))
        self.assertIs(fay_part.state, RequestState.REQUESTED)

    def test_decline(self) -> None:
        self.fay_s.decline_request(self.rid)
        part = self.me.get_request(self.rid).parts[1]
        self.assertEqual((part.state, part.answered_at, part.response), (RequestState.DECLINED, self.now(), None))
        self.assertError(perfmgmt.InvalidArgument, lambda: self.fay_s.decline_request(self.rid))
        self.assertError(perfmgmt.InvalidArgument, lambda: self.fay_s.respond_to_request(self.rid, PRAISE, "x"))

    def test_only_addressees_answer_once_and_to_the_subject(self) -> None:
        self.assertError(perfmgmt.PermissionDenied, lambda: self.session(self.cy).respond_to_request(self.rid, PRAISE, "x"))
        self.assertError(perfmgmt.PermissionDenied, lambda: self.session(self.cy).decline_request(self.rid))
        self.assertError(perfmgmt.InvalidArgument,
                         lambda: self.eve_s.respond_to_request(self.rid, PRAISE, "x", receiver=self.fay),
                         "feedback.receiver")  # fmt: skip
        self.assertError(perfmgmt.InvalidArgument, lambda: self.eve_s.respond_to_request(self.rid, PRAISE, ""),
                         "feedback.text")  # fmt: skip
        self.eve_s.respond_to_request(self.rid, PRAISE, "x", receiver=self.ada)
        self.assertError(perfmgmt.InvalidArgument, lambda: self.eve_s.respond_to_request(self.rid, PRAISE, "again"))
        self.assertError(perfmgmt.NotFound, lambda: self.eve_s.respond_to_request(4242, PRAISE, "x"))

    def test_retracting_a_response_reopens_the_part(self) -> None:
        fid = self.eve_s.respond_to_request(self.rid, PRAISE, "x")
        self.eve_s.retract_feedback(fid)
        part = self.me.get_request(self.rid).parts[0]
        self.assertEqual((part.state, part.response), (RequestState.REQUESTED, None))

    def test_an_expired_request_cannot_be_answered(self) -> None:
        rid = self.me.request_feedback([self.eve], "quick one", expires_days=1)
        self.today = MON + 2 * DAY
        self.assertIs(self.me.get_request(rid).parts[0].state, RequestState.EXPIRED)
        self.assertError(perfmgmt.InvalidArgument, lambda: self.eve_s.respond_to_request(rid, PRAISE, "x"))
        expired = self.me.requests(self.ada, RequestRole.ASKED_BY, RequestFilter.EXPIRED)
        self.assertEqual([r.id for r in expired], [rid])


class ListTest(RequestTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.first = self.me.request_feedback([self.eve], "first")
        self.today = MON + DAY
        self.second = self.me.request_feedback([self.eve, self.fay], "second")
        self.eve_s.respond_to_request(self.first, PRAISE, "x")

    def ids(self, it: perfmgmt.FeedbackRequestIterator) -> list[int]:
        self.assertIsInstance(it, perfmgmt.FeedbackRequestIterator)
        return [r.id for r in it]

    def test_by_role_newest_first(self) -> None:
        self.assertEqual(self.ids(self.me.requests(self.ada, RequestRole.ASKED_BY)), [self.second, self.first])
        self.assertEqual(self.ids(self.me.requests(self.ada, RequestRole.ABOUT)), [self.second, self.first])
        self.assertEqual(self.ids(self.fay_s.requests(self.fay, RequestRole.ADDRESSED_TO)), [self.second])

    def test_filters_look_at_the_addressees_own_part(self) -> None:
        eve = self.eve_s
        self.assertEqual(self.ids(eve.requests(self.eve, RequestRole.ADDRESSED_TO, RequestFilter.OPEN)), [self.second])
        self.assertEqual(self.ids(eve.requests(self.eve, RequestRole.ADDRESSED_TO, RequestFilter.ANSWERED)), [self.first])
        both = RequestFilter.OPEN | RequestFilter.ANSWERED
        self.assertEqual(self.ids(eve.requests(self.eve, RequestRole.ADDRESSED_TO, both)), [self.second, self.first])
        self.assertEqual(self.ids(eve.requests(self.eve, RequestRole.ADDRESSED_TO, 2)), [self.first])

    def test_refusals(self) -> None:
        self.assertError(perfmgmt.PermissionDenied, lambda: self.session(self.cy).requests(self.ada, RequestRole.ASKED_BY))
        self.assertError(perfmgmt.InvalidArgument, lambda: self.me.requests(self.ada, 9))
        self.assertError(perfmgmt.NotFound, lambda: self.sys.requests(4242, RequestRole.ABOUT))
        with self.assertRaises(perfmgmt.OutOfRange):
            self.me.requests(self.ada, RequestRole.ABOUT, -1)


class RenewTest(RequestTestCase):
    def test_a_repeating_request_is_asked_again_once_per_period(self) -> None:
        rid = self.me.request_feedback([self.eve, self.fay], "weekly pulse", repeat_days=7)
        self.assertEqual(self.me.get_request(rid).repeat_days, 7)
        self.assertEqual(self.sys.renew_requests(), 0)
        self.today = MON + 7 * DAY
        self.assertEqual(self.sys.renew_requests(), 1)
        self.assertEqual(self.sys.renew_requests(self.today), 0)
        newest = next(self.me.requests(self.ada, RequestRole.ASKED_BY))
        self.assertEqual((newest.previous, newest.topic, newest.repeat_days), (rid, "weekly pulse", 7))
        self.assertEqual([p.addressee for p in newest.parts], [self.eve, self.fay])
        self.assertError(perfmgmt.PermissionDenied, lambda: self.me.renew_requests())


if __name__ == "__main__":
    unittest.main()
