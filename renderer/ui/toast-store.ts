import { create } from "zustand";

export interface Toast {
  id: number;
  message: string;
  /** An undo (or other) action offered with the message. */
  action?: { label: string; run: () => void };
}

interface ToastState {
  toasts: Toast[];
  toastShown: (toast: Omit<Toast, "id">) => void;
  toastDismissed: (id: number) => void;
}

let next = 1;

export const useToastStore = create<ToastState>((set, get) => ({
  toasts: [],
  toastShown: (toast) => {
    const id = next++;
    set({ toasts: [...get().toasts, { ...toast, id }] });
    setTimeout(() => get().toastDismissed(id), 8000);
  },
  toastDismissed: (id) => set({ toasts: get().toasts.filter((toast) => toast.id !== id) }),
}));
