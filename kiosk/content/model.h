// The content model the UI reads: departments, service items, forms, hall information.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kiosk::content {

/// A name a department had until `until` (YYYY-MM-DD), e.g. 公安消防支队 until 2018-10-09.
struct FormerName {
    std::string name;
    std::string until;
};

struct Department {
    std::string id;    ///< stable key ("zjj")
    std::string name;  ///< current name
    std::vector<FormerName> former_names;
    int floor = 0;     ///< where its windows are (0: not in the hall)
    int item_count = 0;
};

/// Items that moved from one department to another on `date` (reorganisations).
struct Transfer {
    std::string from_department;  ///< department id
    std::string to_department;    ///< department id
    std::string date;             ///< YYYY-MM-DD
    std::string note;
    std::vector<std::string> item_codes;
};

struct Material {
    std::string name;
    int originals = 0;  ///< originals to show (returned)
    int copies = 0;     ///< photocopies to hand in
    bool required = true;
    std::string note;
};

struct Faq {
    std::string question;
    std::string answer;
};

/// Payment methods accepted at the window (bit flags).
enum PaymentMethod : unsigned {
    PayWeChat = 1,
    PayAlipay = 2,
    PayUnionPay = 4,
    PayCash = 8,
};

struct LifeEvent {
    std::string id;    ///< "birth", "business", …
    std::string name;  ///< 生育收养
};

/// One row of a list (department or life event or search): enough to draw it.
struct ItemSummary {
    std::string code;
    std::string name;
    std::string department_id;
    std::string department_name;
    int popularity = 0;
};

struct ServiceItem {
    std::string code;
    std::string name;
    std::string kind;  ///< 行政许可, 公共服务, 行政确认, …
    std::string department_id;
    std::string department_name;
    int floor = 0;
    std::vector<int> windows;
    std::vector<Material> materials;
    double fee_cny = 0;     ///< 0: free
    std::string fee_note;   ///< "按面积收取" etc.
    unsigned payments = 0;  ///< PaymentMethod flags
    int promised_days = 0;  ///< working days promised by the hall (0: on the spot)
    int legal_days = 0;     ///< working days allowed by law
    std::string online_url; ///< for the "do it on your phone" QR code; empty if not online
    std::vector<Faq> faq;
    std::vector<std::string> life_events;  ///< life event ids
    int popularity = 0;
    /// Former handling departments (by transfer), newest first: "公安消防支队 → 住房和城乡建设局 (2019-04-01)".
    std::vector<Transfer> transfers;
};

struct Form {
    std::string id;
    std::string title;
    std::string path;  ///< absolute path of the PDF in the live content version
    std::string sha256;
    int64_t size = 0;
    std::string url;      ///< where the form itself downloads (its QR code); empty: not online
    std::string purpose;  ///< what it is for: "申请首次领取、换领或补领居民身份证时填写。"
};

struct OpeningHours {
    std::vector<int> weekdays;  ///< 1 = Monday … 7 = Sunday
    std::string open;           ///< "09:00"
    std::string close;          ///< "17:00"
    /// The windows' lunch break ("12:00", "13:30"), both or neither; only the hall's hours have one.
    std::string lunch_start, lunch_end;
};

/// A date range with different hours or closed (Spring Festival, National Day).
struct HolidayChange {
    std::string from;  ///< YYYY-MM-DD
    std::string to;    ///< YYYY-MM-DD inclusive
    bool closed = true;
    std::string open, close;  ///< when not closed
    std::string note;
};

struct Notice {
    std::string id;
    std::string title;
    std::string body;
    std::string start;  ///< "YYYY-MM-DD HH:MM" Beijing time
    std::string end;
    int64_t start_unix = 0;
    int64_t end_unix = 0;
};

struct BusLine {
    std::string line;  ///< "12路"
    std::string stop;
    int walk_minutes = 0;
};

struct Nearby {
    std::string kind;  ///< "print", "copy", "photo", "bank"
    std::string name;
    std::string location;
    std::string hours;
    std::string note;
};

struct FloorInfo {
    int floor = 0;
    std::string name;  ///< 一楼
    int first_window = 0;
    int last_window = 0;
    std::string description;
};

struct HallInfo {
    std::string name;
    std::string address;
    std::string phone;
    std::vector<FloorInfo> floors;
    OpeningHours hours;
    OpeningHours self_service_hours;  ///< 24-hour zone: open "00:00", close "24:00"
    std::string self_service_location;
    /// What the 24-hour zone offers: a kiosk service's id ("certificates", "case_status",
    /// "forms", "copy": the screens name it in the citizen's language) or a name as written.
    std::vector<std::string> self_service_services;
    std::vector<HolidayChange> holidays;
    std::vector<BusLine> buses;
    std::string parking;
    std::vector<Nearby> nearby;
};

}  // namespace kiosk::content
