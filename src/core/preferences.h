// What a member chooses to be told about. kin sends few notifications yet; the choices are kept so that every
// channel added later starts from what the person already said, and nobody is notified without having opted in.
#ifndef KIN_CORE_PREFERENCES_H_
#define KIN_CORE_PREFERENCES_H_

namespace kin {

struct NotifyChoices {
  bool fitting_needs = false;  // a new need fits one of my active offers
  bool pairings = false;       // a coordinator asks me to take a task
  bool own_needs = false;      // something changes on a need I asked for
  bool operator==(const NotifyChoices&) const = default;
};

}  // namespace kin

#endif  // KIN_CORE_PREFERENCES_H_
